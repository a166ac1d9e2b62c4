using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

public sealed record SchoolRef(string Id, string Name);

public sealed record FileView(string Name, string ContentType, long Length);

public sealed record VersionView(int Number, FileView? File, string? Link, string? Note, string AddedBy, DateTimeOffset AddedAt, string ContentUrl);

/// <summary>A resource as listed in search results, cards and the tab.</summary>
public sealed record ResourceSummaryView(
    int Id,
    string Title,
    string Summary,
    ResourceCategory Category,
    IReadOnlyList<ReviewArea> ReviewAreas,
    IReadOnlyList<NeedArea> NeedAreas,
    IReadOnlyList<string> Phases,
    IReadOnlyList<string> Audiences,
    SchoolRef? School,
    DateOnly LastReviewedOn,
    bool IsStale,
    int CurrentVersion,
    FileView? File,
    string? Link,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Where the current content is served (a download, or a redirect to the link).</summary>
    public string ContentUrl => $"/api/library/resources/{Id}/content";

    /// <summary>Every tag as people read it, for cards and lists.</summary>
    public IReadOnlyList<string> TagLabels =>
    [
        Category.Display(), .. ReviewAreas.Select(a => a.Display()), .. NeedAreas.Select(n => n.Display()),
        .. LibraryTags.Phases(LibraryTags.Bits(Phases.Select(Enum.Parse<SchoolPhase>))).Select(p => p.Display()),
    ];
}

public sealed record ResourceDetailView(ResourceSummaryView Resource, string LastReviewedBy, DateTimeOffset PublishedAt, IReadOnlyList<VersionView> Versions);

public sealed record FacetCount(string Value, string Label, int Count);

/// <summary>
/// Counts per filter value. Each facet counts what the results would be with that value chosen
/// and every other filter kept, so choosing a category still shows how many of each other category there are.
/// </summary>
public sealed record LibraryFacets(
    IReadOnlyList<FacetCount> Category,
    IReadOnlyList<FacetCount> ReviewArea,
    IReadOnlyList<FacetCount> NeedArea,
    IReadOnlyList<FacetCount> Phase,
    IReadOnlyList<FacetCount> Audience,
    IReadOnlyList<FacetCount> School,
    int Stale);

public sealed record SearchResults(string? Query, int Total, int Skip, int Take, IReadOnlyList<ResourceSummaryView> Items, LibraryFacets Facets);

internal static class LibraryViews
{
    public static ResourceSummaryView Summary(LibraryResource resource, ResourceVersion? current, IReadOnlyDictionary<string, string> schoolNames, DateOnly today, int staleAfterMonths) =>
        new(resource.Id, resource.Title, resource.Summary, resource.Category, resource.ReviewAreas, resource.NeedAreas,
            [.. resource.Phases.Select(p => p.ToString())], [.. resource.Audiences.Select(a => a.ToString())],
            resource.SchoolId is { } school ? new SchoolRef(school, schoolNames.GetValueOrDefault(school, school)) : null,
            resource.LastReviewedOn, resource.IsStale(today, staleAfterMonths), resource.CurrentVersion,
            current is { IsLink: false } ? new FileView(current.FileName!, current.ContentType!, current.Length ?? 0) : null,
            current?.IsLink == true ? current.WebUrl : null, resource.UpdatedAt);

    public static VersionView Version(int resourceId, ResourceVersion version) =>
        new(version.Number, version.IsLink ? null : new FileView(version.FileName!, version.ContentType!, version.Length ?? 0),
            version.IsLink ? version.WebUrl : null, version.Note, version.AddedByName, version.AddedAt,
            $"/api/library/resources/{resourceId}/content?version={version.Number}");

    public static string RoleLabel(Role role) => role.Display();
}
