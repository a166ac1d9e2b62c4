using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

/// <summary>One entry in a school's progress log. Append-only: nothing updates or deletes an entry.</summary>
public sealed class ActionUpdate
{
    private ActionUpdate()
    {
    }

    internal ActionUpdate(int assignmentId, SignedInPerson by, ProgressContent progress, DateTimeOffset at, string repeatKey)
    {
        AssignmentId = assignmentId;
        PersonId = by.PersonId;
        PersonName = by.Name;
        At = at;
        Status = progress.Status;
        Note = progress.Note;
        EvidenceUrl = progress.EvidenceUrl;
        RepeatKey = repeatKey;
    }

    public int Id { get; private set; }
    public int AssignmentId { get; private set; }
    public int PersonId { get; private set; }
    [StoredText(StoredText.Generated)]
    public string PersonName { get; private set; } = string.Empty;
    public DateTimeOffset At { get; private set; }
    public AssignmentStatus Status { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string Note { get; private set; } = string.Empty;

    /// <summary>https only (checked before it gets here).</summary>
    [StoredText(StoredText.FreeText)]
    public string? EvidenceUrl { get; private set; }

    /// <summary>Unique per assignment: see <see cref="ActionAssignment"/>.</summary>
    [StoredText(StoredText.Generated)]
    public string RepeatKey { get; private set; } = string.Empty;
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> builder)
    {
        builder.ToTable("action_updates");
        builder.Property(u => u.PersonName).HasMaxLength(ActionLimits.PersonNameLength);
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Note).HasMaxLength(ActionLimits.NoteLength);
        builder.Property(u => u.EvidenceUrl).HasMaxLength(ActionLimits.EvidenceUrlLength);
        builder.Property(u => u.RepeatKey).HasMaxLength(32);
        builder.HasIndex(u => new { u.AssignmentId, u.RepeatKey }).IsUnique();
    }
}
