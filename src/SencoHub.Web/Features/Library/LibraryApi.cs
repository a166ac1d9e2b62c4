using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>The query string of a search, checked strictly: an unknown value is a 400, never silently ignored.</summary>
public sealed record LibrarySearchParameters(string? Q, string? Category, string? ReviewArea, string? NeedArea, string? Phase, string? Audience, string? School,
    string? Stale, string? Skip, string? Take)
{
    public LibraryQuery ToQuery()
    {
        var errors = new Dictionary<string, string[]>();
        var query = new LibraryQuery(
            Q?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, 200)] : null,
            Parse<ResourceCategory>(errors, "category", Category),
            Parse<ReviewArea>(errors, "reviewArea", ReviewArea),
            Parse<NeedArea>(errors, "needArea", NeedArea),
            Parse<SchoolPhase>(errors, "phase", Phase),
            Parse<Role>(errors, "audience", Audience),
            string.IsNullOrWhiteSpace(School) ? null : School.Trim(),
            Stale is "true" or "1",
            Number(errors, "skip", Skip, 0, 0, 100_000),
            Number(errors, "take", Take, LibraryLimits.DefaultTake, 1, LibraryLimits.MaxTake));
        return errors.Count > 0 ? throw ProblemException.Invalid(errors) : query;
    }

    private static T? Parse<T>(Dictionary<string, string[]> errors, string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (LibraryTags.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"Use one of: {LibraryTags.Names<T>()}."];
        return null;
    }

    private static int Number(Dictionary<string, string[]> errors, string field, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = [$"Use a whole number from {min} to {max}."];
        return fallback;
    }
}

public sealed record LibrarySettingsView(bool StaffMayContribute, bool YouMayContribute, bool YouPublishDirectly, IReadOnlyList<string> AllowedExtensions, long MaxUploadBytes,
    int StaleAfterMonths, string Store);

public sealed record LibrarySettingsRequest(bool? StaffMayContribute);

/// <summary>
/// <c>/api/library</c>. Everyone signed in searches and opens what their roles may see; the SEND lead
/// publishes, curates and decides on contributions; SENCOs (and staff, when allowed) contribute.
/// </summary>
internal static class LibraryApi
{
    public static void Map(RouteGroupBuilder library)
    {
        library.MapGet("/resources", async ([AsParameters] LibrarySearchParameters parameters, SearchLibrary search, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await search.SearchAsync(parameters.ToQuery(), person, ct)));
        library.MapGet("/resources/{id:int}", async Task<Ok<ResourceDetailView>> (int id, ReadLibrary read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.FindAsync(id, person, ct) ?? throw ProblemException.NotFound("The resource")));
        library.MapGet("/resources/{id:int}/content", async (int id, string? version, ReadLibrary read, SignedInPerson person, CancellationToken ct) =>
            Content(await read.OpenContentAsync(id, VersionNumber(version), person, ct)))
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");
        library.MapPost("/resources", AddAsync).DisableRequestTimeout();
        library.MapPut("/resources/{id:int}", async (int id, ResourceMetadataInput? input, EditResource edit, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await edit.DescribeAsync(id, input, person, ct))).WithMetadata(new RequestSizeLimitAttribute(LibraryLimits.MaxJsonRequestBytes));
        library.MapPost("/resources/{id:int}/reviewed", async (int id, EditResource edit, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await edit.MarkReviewedAsync(id, person, ct)));

        library.MapGet("/contributions", async (string? state, ReadLibrary read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.ContributionsAsync(person, State(state), ct)));
        library.MapGet("/contributions/{id:int}", async Task<Ok<ContributionView>> (int id, ReadLibrary read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.FindContributionAsync(id, person, ct) ?? throw ProblemException.NotFound("The contribution")));
        library.MapGet("/contributions/{id:int}/content", async (int id, ReadLibrary read, SignedInPerson person, CancellationToken ct) =>
            Content(await read.OpenContributionAsync(id, person, ct)))
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");
        library.MapPut("/contributions/{id:int}", async (int id, ResourceMetadataInput? input, ReviewContribution review, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await review.EditAsync(id, input, person, ct))).WithMetadata(new RequestSizeLimitAttribute(LibraryLimits.MaxJsonRequestBytes));
        library.MapPost("/contributions/{id:int}/approve", async (int id, [FromBody] ResourceMetadataInput? edits, ReviewContribution review, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await review.ApproveAsync(id, edits, person, ct))).WithMetadata(new RequestSizeLimitAttribute(LibraryLimits.MaxJsonRequestBytes));
        library.MapPost("/contributions/{id:int}/reject", async (int id, RejectRequest? request, ReviewContribution review, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await review.RejectAsync(id, request, person, ct))).WithMetadata(new RequestSizeLimitAttribute(LibraryLimits.MaxJsonRequestBytes));

        library.MapGet("/settings", SettingsAsync);
        library.MapPut("/settings", async (LibrarySettingsRequest? request, LibraryAccess access, SignedInPerson person, IOptions<LibraryOptions> options, CancellationToken ct) =>
        {
            if (request?.StaffMayContribute is not { } allowed)
            {
                throw ProblemException.Invalid("staffMayContribute", "Say whether staff may contribute (true or false).");
            }

            await access.SaveSettingsAsync(allowed, person, ct);
            return await SettingsAsync(access, person, options, ct);
        }).WithMetadata(new RequestSizeLimitAttribute(LibraryLimits.MaxJsonRequestBytes));
    }

    private static async Task<Results<Created<ResourceDetailView>, Accepted<ContributionView>>> AddAsync(HttpRequest request, AddResource add, SignedInPerson person, CancellationToken ct)
    {
        var added = await add.AddAsync(request, person, ct);
        return added.Published is { } published
            ? TypedResults.Created($"/api/library/resources/{published.Resource.Id}", published)
            : TypedResults.Accepted($"/api/library/contributions/{added.Contribution!.Id}", added.Contribution);
    }

    private static async Task<Ok<LibrarySettingsView>> SettingsAsync(LibraryAccess access, SignedInPerson person, IOptions<LibraryOptions> options, CancellationToken ct)
    {
        var settings = await access.SettingsAsync(ct);
        var library = options.Value;
        return TypedResults.Ok(new LibrarySettingsView(settings.StaffMayContribute, LibraryAccess.MayContribute(person, settings), person.IsSendLead,
            library.Uploads.EffectiveExtensions, library.Uploads.MaxBytes, library.StaleAfterMonths, library.ResolveStore().ToString()));
    }

    private static IResult Content(ResourceContent content) =>
        content.Link is { } link
            ? TypedResults.Redirect(link)
            : TypedResults.Stream(content.Stream!, content.ContentType, content.FileName, enableRangeProcessing: false);

    private static int? VersionNumber(string? version) =>
        string.IsNullOrWhiteSpace(version) ? null
        : int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0 ? number
        : throw ProblemException.Invalid("version", "Use a version number, such as 2.");

    private static ContributionState? State(string? state) =>
        string.IsNullOrWhiteSpace(state) ? null
        : LibraryTags.TryParse<ContributionState>(state, out var parsed) ? parsed
        : throw ProblemException.Invalid("state", $"Use one of: {LibraryTags.Names<ContributionState>()}.");
}
