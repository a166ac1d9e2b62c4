using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Strategy;

/// <param name="Key">Stable across versions: the same priority carried into a later version keeps its key.</param>
/// <param name="IsCurrent">True when the priority belongs to the current published version.</param>
public sealed record StrategyPriorityInfo(int Id, string Key, int VersionId, int VersionNumber, StrategyState VersionState,
    string Title, ReviewArea ReviewArea, string Owner, int Timeframe)
{
    public bool IsCurrent => VersionState == StrategyState.Published;
}

/// <summary>
/// What other features (actions, check-ins, the oversight report) may ask about strategy priorities.
/// Only published priorities are visible here: a draft's change every time it is saved.
/// </summary>
public sealed class StrategyPriorities(SencoHubDb db)
{
    /// <summary>A priority by id, from the current or an earlier published version; null for unknown ids and drafts.</summary>
    public Task<StrategyPriorityInfo?> FindAsync(int priorityId, CancellationToken cancellationToken = default) =>
        Published(currentOnly: false, id: priorityId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The current version's priorities in the strategy's order; empty when nothing is published.</summary>
    public async Task<IReadOnlyList<StrategyPriorityInfo>> ListCurrentAsync(CancellationToken cancellationToken = default) =>
        await Published(currentOnly: true).ToListAsync(cancellationToken);

    private IQueryable<StrategyPriorityInfo> Published(bool currentOnly, int? id = null)
    {
        var rows = from p in db.Set<StrategyPriority>().AsNoTracking()
                   join v in db.Set<StrategyVersion>().AsNoTracking() on p.VersionId equals v.Id
                   where v.State != StrategyState.Draft
                   select new { Priority = p, Version = v };
        if (currentOnly)
        {
            rows = rows.Where(r => r.Version.State == StrategyState.Published);
        }

        if (id is { } priorityId)
        {
            rows = rows.Where(r => r.Priority.Id == priorityId);
        }

        return rows.OrderByDescending(r => r.Version.Number).ThenBy(r => r.Priority.Position)
            .Select(r => new StrategyPriorityInfo(r.Priority.Id, r.Priority.Key, r.Version.Id, r.Version.Number, r.Version.State,
                r.Priority.Title, r.Priority.ReviewArea, r.Priority.Owner, r.Priority.Timeframe));
    }
}
