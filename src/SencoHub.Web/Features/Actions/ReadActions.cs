using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// Reading actions as a viewer may see them: the SEND lead and trustees see every school; everyone
/// else sees only their own schools' part, and only actions set for their schools.
/// </summary>
public sealed class ReadActions(SencoHubDb db, DirectoryService directory, CalendarService calendar, StrategyPriorities priorities)
{
    /// <summary>Most urgent first: overdue, then by due date, then High before Low.</summary>
    public async Task<IReadOnlyList<ActionView>> ListAsync(SignedInPerson viewer, ActionFilter filter, CancellationToken cancellationToken = default)
    {
        var query = Actions(viewer);
        if (filter.State is { } state)
        {
            query = query.Where(a => a.State == state);
        }

        if (filter.ReviewArea is { } area)
        {
            query = query.Where(a => a.ReviewArea == area);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(a => a.Priority == priority);
        }

        if (filter.StrategyPriorityId is { } priorityId)
        {
            // The same priority carried into a later strategy version keeps its key: follow it.
            var key = (await priorities.FindAsync(priorityId, cancellationToken))?.Key;
            query = key is null ? query.Where(a => a.StrategyPriorityId == priorityId) : query.Where(a => a.StrategyPriorityKey == key);
        }

        var (names, today) = await ContextAsync(cancellationToken);
        var views = new List<ActionView>();
        foreach (var action in await query.ToListAsync(cancellationToken))
        {
            var view = ActionView.From(action, Visible(action, viewer), names, today, withLog: false);
            var schools = view.Schools.Where(s => (filter.SchoolId is null || s.SchoolId == filter.SchoolId)
                && (filter.Status is null || s.Status == filter.Status) && (!filter.Overdue || s.Overdue)).ToList();
            if (schools.Count > 0)
            {
                views.Add(view with { Schools = schools });
            }
        }

        return [.. MostUrgentFirst(views)];
    }

    /// <summary>An action with each visible school's whole log; null when it does not exist or is not for the viewer's schools.</summary>
    public async Task<ActionView?> FindAsync(int id, SignedInPerson viewer, CancellationToken cancellationToken = default)
    {
        var action = await Actions(viewer).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return null;
        }

        var (names, today) = await ContextAsync(cancellationToken);
        return ActionView.From(action, Visible(action, viewer), names, today, withLog: true);
    }

    /// <summary>Every open action, every school, as of <paramref name="today"/>: what chasing looks at.</summary>
    internal async Task<IReadOnlyList<ActionView>> OpenAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        return [.. (await Load().Where(a => a.State == ActionState.Open).ToListAsync(cancellationToken))
            .Select(a => ActionView.From(a, a.Assignments, names, today, withLog: true))];
    }

    /// <summary>The action tracked for a change, with everything its rules need.</summary>
    /// <remarks>
    /// One statement, so one snapshot: split queries could read a school's status from before a racing
    /// press committed and its log from after, and a duplicate press then answered with a card that
    /// contradicted itself. Updates hang off assignments (no sibling collections), so no row explosion.
    /// </remarks>
    internal Task<ActionItem?> LoadForChangeAsync(int id, CancellationToken cancellationToken) =>
        db.Set<ActionItem>()
            .Include(a => a.Assignments).ThenInclude(s => s.Acknowledgement)
            .Include(a => a.Assignments).ThenInclude(s => s.Updates)
            .AsSingleQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>A tracked action as it stands in memory (changes not yet saved included), every school.</summary>
    internal async Task<ActionView> ViewOfAsync(ActionItem action, CancellationToken cancellationToken)
    {
        var (names, today) = await ContextAsync(cancellationToken);
        return ActionView.From(action, action.Assignments, names, today, withLog: true);
    }

    internal static IEnumerable<ActionView> MostUrgentFirst(IEnumerable<ActionView> views) =>
        views.OrderByDescending(v => v.Overdue).ThenBy(v => v.State == ActionState.Open ? 0 : 1).ThenBy(v => v.DueOn).ThenBy(v => v.Priority).ThenBy(v => v.Id);

    private IQueryable<ActionItem> Actions(SignedInPerson viewer)
    {
        var query = Load();
        if (!viewer.HasTrustWideRead)
        {
            var schools = viewer.SchoolIds.ToList();
            query = query.Where(a => a.Assignments.Any(s => schools.Contains(s.SchoolId)));
        }

        return query;
    }

    private IQueryable<ActionItem> Load() => db.Set<ActionItem>().AsNoTracking()
        .Include(a => a.Assignments).ThenInclude(s => s.Acknowledgement)
        .Include(a => a.Assignments).ThenInclude(s => s.Updates)
        .AsSplitQuery();

    private static IReadOnlyList<ActionAssignment> Visible(ActionItem action, SignedInPerson viewer) =>
        viewer.HasTrustWideRead ? action.Assignments : [.. action.Assignments.Where(a => viewer.BelongsTo(a.SchoolId))];

    private async Task<(IReadOnlyDictionary<string, string> Names, DateOnly Today)> ContextAsync(CancellationToken cancellationToken)
    {
        var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        return (names, calendar.Today());
    }
}
