using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// An action the SEND lead sets for one, several or all schools. Never deleted: it is closed when every
/// school is done, or withdrawn. Each school's progress lives in its <see cref="ActionAssignment"/>.
/// </summary>
public sealed class ActionItem
{
    private ActionItem()
    {
    }

    public int Id { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string Title { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Detail { get; private set; } = string.Empty;

    /// <summary>The strategy priority it serves, as linked; <see cref="StrategyPriorityKey"/> follows it into later versions.</summary>
    public int? StrategyPriorityId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string? StrategyPriorityKey { get; private set; }
    [StoredText(StoredText.Generated)]
    public string? StrategyPriorityTitle { get; private set; }

    public ReviewArea ReviewArea { get; private set; }
    public ActionPriority Priority { get; private set; }
    public DateOnly DueOn { get; private set; }
    public ActionOwnerRole OwnerRole { get; private set; }
    public ActionState State { get; private set; }

    public int CreatedByPersonId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string CreatedByName { get; private set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    [StoredText(StoredText.Generated)]
    public string? WithdrawnByName { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string? WithdrawnReason { get; private set; }

    /// <summary>Optimistic concurrency over the whole action: two changes at once cannot both win; the loser retries.</summary>
    public int Revision { get; private set; }

    public List<ActionAssignment> Assignments { get; private set; } = [];

    public bool IsWithdrawn => State == ActionState.Withdrawn;

    public static ActionItem Create(ActionContent content, IReadOnlyList<string> schoolIds, SignedInPerson by, DateTimeOffset at)
    {
        var action = new ActionItem
        {
            Title = content.Title,
            Detail = content.Detail,
            StrategyPriorityId = content.StrategyPriority?.Id,
            StrategyPriorityKey = content.StrategyPriority?.Key,
            StrategyPriorityTitle = content.StrategyPriority?.Title,
            ReviewArea = content.ReviewArea,
            Priority = content.Priority,
            DueOn = content.DueOn,
            OwnerRole = content.OwnerRole,
            State = ActionState.Open,
            CreatedByPersonId = by.PersonId,
            CreatedByName = by.Name,
            CreatedAt = at,
        };
        action.Assignments.AddRange(schoolIds.Distinct(StringComparer.Ordinal).Select(id => new ActionAssignment(id)));
        return action;
    }

    public ActionAssignment AssignmentFor(string schoolId) =>
        Assignments.FirstOrDefault(a => a.SchoolId == schoolId) ?? throw ProblemException.NotFound("That school's part in this action");

    /// <summary>
    /// Someone with no role at the school gets one answer whatever the action: checked before the action
    /// or the school's part in it is looked at, so a refusal never tells which schools an action was set for.
    /// </summary>
    public static void EnsureBelongsTo(SignedInPerson person, string schoolId)
    {
        if (!person.BelongsTo(schoolId))
        {
            throw ProblemException.Forbidden(ActionRules.NotYourSchool);
        }
    }

    /// <summary>Only a holder of the owner role at the school acknowledges, once; returns the acknowledgement (new or earlier).</summary>
    public ActionAcknowledgement Acknowledge(string schoolId, SignedInPerson by, DateTimeOffset at)
    {
        EnsureBelongsTo(by, schoolId);
        var assignment = AssignmentFor(schoolId);
        if (!by.Holds(OwnerRole.ToRole(), schoolId))
        {
            throw ProblemException.Forbidden(ActionRules.NotTheOwner(OwnerRole));
        }

        if (assignment.Acknowledgement is { } earlier)
        {
            return earlier;
        }

        EnsureNotWithdrawn();
        Revision++;
        return assignment.Acknowledge(by, at);
    }

    /// <summary>
    /// Appends to the school's log and sets its status. The school's headteacher or SENCO may update.
    /// Null when this is a repeat of the latest entry (a double press or a retried request).
    /// </summary>
    public ActionUpdate? RecordUpdate(string schoolId, SignedInPerson by, ProgressContent progress, DateTimeOffset at)
    {
        EnsureBelongsTo(by, schoolId);
        if (!by.HoldsAny(schoolId, Role.Headteacher, Role.Senco))
        {
            throw ProblemException.Forbidden(ActionRules.CannotUpdate);
        }

        var assignment = AssignmentFor(schoolId);

        EnsureNotWithdrawn();
        if (assignment.IsRepeat(by, progress, at))
        {
            return null;
        }

        var update = assignment.Record(by, progress, at);
        if (Assignments.All(a => a.Status == AssignmentStatus.Done))
        {
            State = ActionState.Closed;
            ClosedAt ??= at;
        }
        else if (State == ActionState.Closed)
        {
            State = ActionState.Open;
            ClosedAt = null;
        }

        Revision++;
        return update;
    }

    public void Withdraw(SignedInPerson by, string? reason, DateTimeOffset at)
    {
        EnsureNotWithdrawn();
        State = ActionState.Withdrawn;
        WithdrawnAt = at;
        WithdrawnByName = by.Name;
        WithdrawnReason = string.IsNullOrEmpty(reason) ? null : reason;
        Revision++;
    }

    private void EnsureNotWithdrawn()
    {
        if (IsWithdrawn)
        {
            throw ProblemException.Conflict("This action has been withdrawn by the SEND lead, so nothing more is recorded against it.");
        }
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.ToTable("actions");
        builder.Property(a => a.Title).HasMaxLength(ActionLimits.TitleLength);
        builder.Property(a => a.Detail).HasMaxLength(ActionLimits.DetailLength);
        builder.Property(a => a.StrategyPriorityKey).HasMaxLength(36);
        builder.Property(a => a.StrategyPriorityTitle).HasMaxLength(ActionLimits.TitleLength);
        builder.Property(a => a.ReviewArea).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Priority).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.OwnerRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CreatedByName).HasMaxLength(ActionLimits.PersonNameLength);
        builder.Property(a => a.WithdrawnByName).HasMaxLength(ActionLimits.PersonNameLength);
        builder.Property(a => a.WithdrawnReason).HasMaxLength(ActionLimits.ReasonLength);
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.HasIndex(a => new { a.State, a.DueOn });
        builder.HasMany(a => a.Assignments).WithOne().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Restrict);
    }
}
