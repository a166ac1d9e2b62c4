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
        // Who is asking, at the root of the API: every tab reads it first.
        api.MapGet("/me", (SignedInPerson person) => TypedResults.Ok(person));
        DirectoryApi.Map(api.MapGroup("/directory"));
        return api;
    }
}
