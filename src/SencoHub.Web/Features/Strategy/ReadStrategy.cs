using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Strategy;

public sealed record StrategyPriorityView(int Id, string Key, int Position, string Title, string Description, ReviewArea ReviewArea,
    string ReviewAreaName, string SuccessMeasures, string Owner, int Timeframe);

public sealed record StrategyVersionView(
    int Id, int Number, string Title, string Vision, StrategyState State,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? PublishedBy, DateTimeOffset? PublishedAt, int? SupersededByVersionId, DateTimeOffset? SupersededAt,
    IReadOnlyList<StrategyPriorityView> Priorities, StrategyChanges? Changes)
{
    /// <summary>Priorities grouped in review-area order, only the areas that have some.</summary>
    public IEnumerable<(ReviewArea Area, IReadOnlyList<StrategyPriorityView> Priorities)> ByReviewArea() =>
        ReviewAreas.All.Select(area => (area, (IReadOnlyList<StrategyPriorityView>)[.. Priorities.Where(p => p.ReviewArea == area)]))
            .Where(group => group.Item2.Count > 0);

    internal static StrategyVersionView From(StrategyVersion version, StrategyChanges? changes) => new(
        version.Id, version.Number, version.Title, version.Vision, version.State,
        version.CreatedByName, version.CreatedAt, version.UpdatedAt,
        version.PublishedByName, version.PublishedAt, version.SupersededByVersionId, version.SupersededAt,
        [.. version.Priorities.OrderBy(p => p.Position).Select(p => new StrategyPriorityView(
            p.Id, p.Key, p.Position, p.Title, p.Description, p.ReviewArea, p.ReviewArea.Display(), p.SuccessMeasures, p.Owner, p.Timeframe))],
        changes);
}

public sealed record StrategyVersionSummary(int Id, int Number, string Title, StrategyState State, DateTimeOffset CreatedAt,
    string? PublishedBy, DateTimeOffset? PublishedAt, DateTimeOffset? SupersededAt, int PriorityCount);

/// <summary>Reading the strategy: the current version, the history, and each version with what it changed.</summary>
public sealed class ReadStrategy(SencoHubDb db)
{
    /// <summary><paramref name="withChanges"/>: also compare with the previous version (for the page and the API; cards do not show it).</summary>
    public async Task<StrategyVersionView?> CurrentAsync(bool withChanges = false, CancellationToken cancellationToken = default)
    {
        var current = await Versions().FirstOrDefaultAsync(v => v.State == StrategyState.Published, cancellationToken);
        return current is null ? null : await ViewAsync(current, withChanges, cancellationToken);
    }

    /// <summary>The draft being written, if any; only the SEND lead should be shown it.</summary>
    public async Task<StrategyVersionView?> DraftAsync(CancellationToken cancellationToken = default)
    {
        var draft = await Versions().FirstOrDefaultAsync(v => v.State == StrategyState.Draft, cancellationToken);
        return draft is null ? null : await ViewAsync(draft, withChanges: false, cancellationToken);
    }

    /// <summary>A version by id; a draft only for the SEND lead, so nobody else sees unpublished text.</summary>
    public async Task<StrategyVersionView?> FindAsync(int id, SignedInPerson viewer, bool withChanges = false, CancellationToken cancellationToken = default)
    {
        var version = await Versions().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return version is null || (version.IsDraft && !viewer.IsSendLead) ? null : await ViewAsync(version, withChanges, cancellationToken);
    }

    /// <summary>Newest first; drafts only for the SEND lead.</summary>
    public async Task<IReadOnlyList<StrategyVersionSummary>> ListAsync(SignedInPerson viewer, CancellationToken cancellationToken = default)
    {
        var query = db.Set<StrategyVersion>().AsNoTracking();
        if (!viewer.IsSendLead)
        {
            query = query.Where(v => v.State != StrategyState.Draft);
        }

        return await query.OrderByDescending(v => v.Number)
            .Select(v => new StrategyVersionSummary(v.Id, v.Number, v.Title, v.State, v.CreatedAt, v.PublishedByName, v.PublishedAt, v.SupersededAt, v.Priorities.Count))
            .ToListAsync(cancellationToken);
    }

    private IQueryable<StrategyVersion> Versions() =>
        db.Set<StrategyVersion>().AsNoTracking().Include(v => v.Priorities).AsSplitQuery();

    /// <summary>With what changed from the latest version published before it, when asked.</summary>
    private async Task<StrategyVersionView> ViewAsync(StrategyVersion version, bool withChanges, CancellationToken cancellationToken)
    {
        if (!withChanges)
        {
            return StrategyVersionView.From(version, changes: null);
        }

        var previous = await Versions()
            .Where(v => v.Number < version.Number && v.State != StrategyState.Draft)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var changes = previous is null ? null : StrategyDiff.Compare(
            previous.Number, previous.Title, previous.Vision, [.. previous.Priorities.OrderBy(p => p.Position).Select(p => p.ToContent())],
            version.Title, version.Vision, [.. version.Priorities.OrderBy(p => p.Position).Select(p => p.ToContent())]);
        return StrategyVersionView.From(version, changes);
    }
}
