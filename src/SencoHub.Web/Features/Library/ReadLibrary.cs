using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Storage;

namespace SencoHub.Web.Features.Library;

public sealed record ContributionView(
    int Id,
    ContributionState State,
    string Title,
    string Summary,
    ResourceCategory Category,
    IReadOnlyList<ReviewArea> ReviewAreas,
    IReadOnlyList<NeedArea> NeedAreas,
    IReadOnlyList<string> Phases,
    IReadOnlyList<string> Audiences,
    SchoolRef? School,
    int? ForResourceId,
    FileView? File,
    string? Link,
    string? Note,
    string ContributorName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? RejectionReason,
    int? ResourceId)
{
    public string ContentUrl => $"/api/library/contributions/{Id}/content";
}

/// <summary>Content to send back: a file's stream, or the web address a link resource points to.</summary>
public sealed record ResourceContent(Stream? Stream, string? FileName, string? ContentType, string? Link);

/// <summary>Reads the library for a person: only what their roles may see, contributions only their own (all for the SEND lead).</summary>
public sealed class ReadLibrary(SencoHubDb db, IResourceStore store, IFileStore files, DirectoryService directory, CalendarService calendar, LibraryReadiness readiness, IOptions<LibraryOptions> options)
{
    public async Task<ResourceDetailView?> FindAsync(int id, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        await readiness.WaitAsync(cancellationToken);
        var resource = await db.Set<LibraryResource>().AsNoTracking().Include(r => r.Versions).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null || !LibraryAccess.MaySee(resource, person))
        {
            return null;
        }

        var schools = await SchoolNamesAsync(cancellationToken);
        var versions = resource.Versions.OrderByDescending(v => v.Number).ToList();
        var summary = LibraryViews.Summary(resource, versions.FirstOrDefault(v => v.Number == resource.CurrentVersion), schools, calendar.Today(), options.Value.StaleAfterMonths);
        return new ResourceDetailView(summary, resource.LastReviewedByName, resource.PublishedAt, [.. versions.Select(v => LibraryViews.Version(resource.Id, v))]);
    }

    /// <summary>The current version's content, or an earlier one's by number.</summary>
    public async Task<ResourceContent> OpenContentAsync(int id, int? versionNumber, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        await readiness.WaitAsync(cancellationToken);
        var resource = await db.Set<LibraryResource>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null || !LibraryAccess.MaySee(resource, person))
        {
            throw ProblemException.NotFound("The resource");
        }

        var number = versionNumber ?? resource.CurrentVersion;
        var version = await db.Set<ResourceVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ResourceId == id && v.Number == number, cancellationToken)
            ?? throw ProblemException.NotFound($"Version {number} of the resource");
        if (version.IsLink)
        {
            return new ResourceContent(null, null, null, version.WebUrl);
        }

        try
        {
            return new ResourceContent(await store.OpenAsync(version.StoreKey!, version.StoreVersion, cancellationToken), version.FileName, version.ContentType, null);
        }
        catch (FileNotFoundException)
        {
            throw ProblemException.NotFound("The resource's file");
        }
    }

    public async Task<IReadOnlyList<ContributionView>> ContributionsAsync(SignedInPerson person, ContributionState? state, CancellationToken cancellationToken = default)
    {
        var query = db.Set<LibraryContribution>().AsNoTracking();
        if (!person.IsSendLead)
        {
            query = query.Where(c => c.ContributorPersonId == person.PersonId);
        }

        if (state is { } wanted)
        {
            query = query.Where(c => c.State == wanted);
        }

        // Waiting ones first (oldest first: a queue), then the latest decisions.
        var pending = await query.Where(c => c.State == ContributionState.Pending).OrderBy(c => c.Id).Take(200).ToListAsync(cancellationToken);
        var decided = await query.Where(c => c.State != ContributionState.Pending).OrderByDescending(c => c.Id).Take(100).ToListAsync(cancellationToken);
        var schools = await SchoolNamesAsync(cancellationToken);
        return [.. pending.Concat(decided).Select(c => View(c, schools))];
    }

    public async Task<ContributionView?> FindContributionAsync(int id, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        var contribution = await db.Set<LibraryContribution>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contribution is null || !LibraryAccess.MaySee(contribution, person) ? null : View(contribution, await SchoolNamesAsync(cancellationToken));
    }

    /// <summary>A waiting contribution's file, for the SEND lead's preview (and the contributor's).</summary>
    public async Task<ResourceContent> OpenContributionAsync(int id, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        var contribution = await db.Set<LibraryContribution>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contribution is null || !LibraryAccess.MaySee(contribution, person))
        {
            throw ProblemException.NotFound("The contribution");
        }

        if (contribution.IsLink)
        {
            return new ResourceContent(null, null, null, contribution.Link);
        }

        if (contribution.FileKey is null)
        {
            throw ProblemException.NotFound("The contribution's file (it has left the queue)");
        }

        try
        {
            return new ResourceContent(await files.OpenReadAsync(contribution.FileKey, cancellationToken), contribution.FileName, contribution.ContentType, null);
        }
        catch (FileNotFoundException)
        {
            throw ProblemException.NotFound("The contribution's file");
        }
    }

    internal static ContributionView View(LibraryContribution c, IReadOnlyDictionary<string, string> schools) =>
        new(c.Id, c.State, c.Title, c.Summary, c.Category, LibraryTags.ReviewAreas(c.ReviewAreaBits), LibraryTags.NeedAreas(c.NeedAreaBits),
            [.. LibraryTags.Phases(c.PhaseBits).Select(p => p.ToString())], [.. LibraryTags.Audiences(c.AudienceBits).Select(a => a.ToString())],
            c.SchoolId is { } school ? new SchoolRef(school, schools.GetValueOrDefault(school, school)) : null, c.ForResourceId,
            c.IsLink ? null : new FileView(c.FileName!, c.ContentType!, c.Length ?? 0), c.Link, c.Note, c.ContributorName, c.SubmittedAt,
            c.DecidedAt, c.DecidedByName, c.RejectionReason, c.ResourceId);

    private async Task<IReadOnlyDictionary<string, string>> SchoolNamesAsync(CancellationToken cancellationToken) =>
        (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
}
