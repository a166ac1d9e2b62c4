using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Directory;

public static class DirectoryFeature
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<DirectoryCache>();
        services.AddScoped<DirectoryService>();
        services.AddScoped<IPersonDirectory>(sp => sp.GetRequiredService<DirectoryService>());
        services.AddScoped<ImportDirectory>();
        services.AddStartupTask<SeedDirectory>();
        services.AddCommand<ImportDirectoryCommand>("import-directory");
        services.AddNavEntry("admin", "/admin", "Admin", order: 90, sendLeadOnly: true);
        return services;
    }

    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (SignedInPerson person) => TypedResults.Ok(person));
        api.MapGet("/directory/schools", async (DirectoryService directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.ListSchoolsAsync(ct)));
        api.MapGet("/directory/people", async (DirectoryService directory, CancellationToken ct) =>
            TypedResults.Ok(await directory.ListAsync(ct))).RequireAuthorization(Policies.TrustWideRead);
        // The file is read as text and checked by DirectoryFile, so its shape is declared for the OpenAPI document.
        api.MapPost("/directory/import", ImportAsync).RequireAuthorization(Policies.SendLead)
            .DescribesJsonBody<DirectoryFile>().WithMetadata(new RequestSizeLimitAttribute(AdminModel.MaxDirectoryFileBytes));
        return api;
    }

    private static async Task<Results<Ok<DirectoryImportSummary>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ImportDirectory import, CancellationToken cancellationToken, bool removeAbsentPeople = false)
    {
        if (request.ContentLength > AdminModel.MaxDirectoryFileBytes)
        {
            return TypedResults.Problem(statusCode: 413, title: "The directory file is larger than 5 MB.");
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            return TypedResults.Ok(await import.ImportAsync(json, removeAbsentPeople, cancellationToken));
        }
        catch (DirectoryFileException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "The directory file was refused.", detail: ex.Message);
        }
    }
}
