using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Features.Directory;

namespace SencoHub.Web.Features.Actions;

public enum ChaseKind
{
    DueSoon,
    Overdue,

    /// <summary>Put in the SEND lead's digest.</summary>
    Escalated,
}

/// <summary>
/// Chasing done for one school's part of an action on one day. Unique per kind and day (so repeated
/// runs and several instances send once), and due-soon and escalation at most once ever.
/// </summary>
public sealed class ActionReminder
{
    private ActionReminder()
    {
    }

    internal ActionReminder(int actionId, string schoolId, ChaseKind kind, DateOnly on, DateTimeOffset at)
    {
        ActionId = actionId;
        SchoolId = schoolId;
        Kind = kind;
        On = on;
        At = at;
    }

    public int Id { get; private set; }
    public int ActionId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string SchoolId { get; private set; } = string.Empty;
    public ChaseKind Kind { get; private set; }

    /// <summary>The trust's local date it was done on.</summary>
    public DateOnly On { get; private set; }
    public DateTimeOffset At { get; private set; }
}

internal sealed class ActionReminderConfiguration : IEntityTypeConfiguration<ActionReminder>
{
    public void Configure(EntityTypeBuilder<ActionReminder> builder)
    {
        builder.ToTable("action_reminders");
        builder.Property(r => r.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(r => r.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ActionId, r.SchoolId, r.Kind, r.On }).IsUnique();
        // Same SQL on SQLite and PostgreSQL.
        builder.HasIndex(r => new { r.ActionId, r.SchoolId, r.Kind }, "IX_action_reminders_once").IsUnique().HasFilter("\"Kind\" <> 'Overdue'");
    }
}
