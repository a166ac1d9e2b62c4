using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Export;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Directory;

/// <summary><c>/api/directory</c>: schools, people and the directory file import.</summary>
public static class DirectoryApi
{
    public static void Map(RouteGroupBuilder directory)
    {
        directory.MapGet("/schools", async (DirectoryService people, CancellationToken ct) =>
            TypedResults.Ok(await people.ListSchoolsAsync(ct)));
        directory.MapGet("/people", async (DirectoryService people, CancellationToken ct) =>
            TypedResults.Ok(await people.ListEveryoneAsync(ct))).RequireAuthorization(Policies.TrustWideRead);
        // The file is read as text and checked by DirectoryFile, so its shape is declared for the OpenAPI document.
        directory.MapPost("/import", ImportAsync).RequireAuthorization(Policies.SendLead)
            .DescribesJsonBody<DirectoryFile>().WithMetadata(new RequestSizeLimitAttribute(AdminModel.MaxDirectoryFileBytes));
        // The header row only, in the CSV conventions of every export (UTF-8 with BOM, CRLF): no example row that
        // could be imported by mistake. A wrong value is answered with the values that are allowed.
        directory.MapGet("/templates/people.csv", () => Template("people.csv", DirectoryCsvReader.PeopleColumns)).RequireAuthorization(Policies.SendLead);
        directory.MapGet("/templates/schools.csv", () => Template("schools.csv", DirectoryCsvReader.SchoolColumns)).RequireAuthorization(Policies.SendLead);
    }

    private static ExportFile Template(string fileName, string[] headers) =>
        new(fileName, ExportFile.CsvType, CsvExport.Write(new ExportTable(headers, [])));

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
