using System.Text.Json.Serialization;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

public sealed record UpdateView(int Id, string By, DateTimeOffset At, AssignmentStatus Status, string Note, string? EvidenceUrl);

/// <param name="Overdue">Open, not done, and the due date has passed (trust's local date).</param>
/// <param name="Updates">The whole log, newest first; only on a single action.</param>
public sealed record AssignmentView(string SchoolId, string SchoolName, AssignmentStatus Status, bool Overdue,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, DateTimeOffset? LastUpdateAt, UpdateView? LatestUpdate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UpdateView>? Updates)
{
    public bool Acknowledged => AcknowledgedAt is not null;
}

public sealed record LinkedPriority(int Id, string Title);

/// <param name="Schools">The assignments the viewer may see: all for the SEND lead and trustees, else their own schools'.</param>
public sealed record ActionView(int Id, string Title, string Detail, ActionPriority Priority, ReviewArea ReviewArea, string ReviewAreaName,
    LinkedPriority? StrategyPriority, DateOnly DueOn, ActionOwnerRole OwnerRole, ActionState State,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawnReason,
    IReadOnlyList<AssignmentView> Schools)
{
    public bool Overdue => Schools.Any(s => s.Overdue);

    public int DoneCount => Schools.Count(s => s.Status == AssignmentStatus.Done);

    public AssignmentView? School(string schoolId) => Schools.FirstOrDefault(s => s.SchoolId == schoolId);

    internal static ActionView From(ActionItem action, IReadOnlyList<ActionAssignment> assignments, IReadOnlyDictionary<string, string> schoolNames,
        DateOnly today, bool withLog) => new(
        action.Id, action.Title, action.Detail, action.Priority, action.ReviewArea, action.ReviewArea.Display(),
        action.StrategyPriorityId is { } priorityId ? new LinkedPriority(priorityId, action.StrategyPriorityTitle ?? string.Empty) : null,
        action.DueOn, action.OwnerRole, action.State, action.CreatedByName, action.CreatedAt, action.ClosedAt,
        action.WithdrawnAt, action.WithdrawnByName, action.WithdrawnReason,
        [.. assignments.OrderBy(a => schoolNames.GetValueOrDefault(a.SchoolId, a.SchoolId), StringComparer.OrdinalIgnoreCase).Select(a =>
        {
            // An entry not saved yet (id 0) is the newest.
            var log = a.Updates.OrderByDescending(u => u.Id == 0 ? int.MaxValue : u.Id).Select(u => new UpdateView(u.Id, u.PersonName, u.At, u.Status, u.Note, u.EvidenceUrl)).ToList();
            return new AssignmentView(a.SchoolId, schoolNames.GetValueOrDefault(a.SchoolId, a.SchoolId), a.Status,
                action.State == ActionState.Open && a.Status != AssignmentStatus.Done && action.DueOn < today,
                a.Acknowledgement?.PersonName, a.Acknowledgement?.AcknowledgedAt, a.LastUpdateAt, log.FirstOrDefault(), withLog ? log : null);
        })]);
}

/// <summary>What to list. Every part is optional; together they narrow (and) the schools shown for each action.</summary>
public sealed record ActionFilter(string? SchoolId = null, AssignmentStatus? Status = null, bool Overdue = false, int? StrategyPriorityId = null,
    ReviewArea? ReviewArea = null, ActionPriority? Priority = null, ActionState? State = null)
{
    public static ActionFilter None { get; } = new();
}

/// <summary>The list filters as query strings carry them (API and tab), checked with clear messages.</summary>
public sealed record ActionQuery(string? School, string? Status, bool? Overdue, int? PriorityId, string? ReviewArea, string? Priority, string? State)
{
    public ActionFilter ToFilter()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var status = Parse<AssignmentStatus>(errors, "status", Status);
        var priority = Parse<ActionPriority>(errors, "priority", Priority);
        var state = Parse<ActionState>(errors, "state", State);
        ReviewArea? area = null;
        if (!string.IsNullOrWhiteSpace(ReviewArea))
        {
            if (ReviewAreas.TryParse(ReviewArea, out var parsed))
            {
                area = parsed;
            }
            else
            {
                errors["reviewArea"] = [$"\"{TypedText.Shorten(ReviewArea)}\" is not a review area. Use one of {ReviewAreas.Names}."];
            }
        }

        if (errors.Count > 0)
        {
            throw Platform.Hosting.ProblemException.Invalid(errors);
        }

        return new ActionFilter(string.IsNullOrWhiteSpace(School) ? null : School.Trim(), status, Overdue == true, PriorityId, area, priority, state);
    }

    private static TEnum? Parse<TEnum>(Dictionary<string, string[]> errors, string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (ActionEnums.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"\"{TypedText.Shorten(value)}\" is not allowed here. Use one of {ActionEnums.Names<TEnum>()}."];
        return null;
    }
}
