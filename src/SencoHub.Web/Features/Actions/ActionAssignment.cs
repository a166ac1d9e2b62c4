using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus
{
    NotStarted,
    InProgress,
    Blocked,
    Done,
}

/// <summary>One school's part in an action: its status, its owner's acknowledgement and its append-only log.</summary>
public sealed class ActionAssignment
{
    // A retried request or a second press within this window, saying exactly the same, is the same update.
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    private ActionAssignment()
    {
    }

    internal ActionAssignment(string schoolId)
    {
        SchoolId = schoolId;
        Status = AssignmentStatus.NotStarted;
    }

    public int Id { get; private set; }
    public int ActionId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string SchoolId { get; private set; } = string.Empty;
    public AssignmentStatus Status { get; private set; }
    public DateTimeOffset? LastUpdateAt { get; private set; }
    public ActionAcknowledgement? Acknowledgement { get; private set; }
    public List<ActionUpdate> Updates { get; private set; } = [];

    internal ActionAcknowledgement Acknowledge(SignedInPerson by, DateTimeOffset at)
    {
        Acknowledgement = new ActionAcknowledgement(Id, by, at);
        return Acknowledgement;
    }

    internal bool IsRepeat(SignedInPerson by, ProgressContent progress, DateTimeOffset at) =>
        Updates.MaxBy(u => u.Id) is { } latest
        && latest.PersonId == by.PersonId && latest.Status == progress.Status && latest.Note == progress.Note
        && latest.EvidenceUrl == progress.EvidenceUrl && at - latest.At < RepeatWindow;

    internal ActionUpdate Record(SignedInPerson by, ProgressContent progress, DateTimeOffset at)
    {
        var previous = Updates.Count == 0 ? 0 : Updates.Max(u => u.Id);
        var update = new ActionUpdate(Id, by, progress, at, RepeatKey(previous, by, progress));
        Updates.Add(update);
        Status = progress.Status;
        LastUpdateAt = at;
        return update;
    }

    /// <summary>
    /// The same words from the same person after the same latest entry: two presses racing each other
    /// compute the same key, and the unique index lets one of them in.
    /// </summary>
    private static string RepeatKey(int previousUpdateId, SignedInPerson by, ProgressContent progress)
    {
        var text = $"{previousUpdateId}\n{by.PersonId}\n{progress.Status}\n{progress.Note}\n{progress.EvidenceUrl}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

internal sealed class ActionAssignmentConfiguration : IEntityTypeConfiguration<ActionAssignment>
{
    public void Configure(EntityTypeBuilder<ActionAssignment> builder)
    {
        builder.ToTable("action_assignments");
        builder.Property(a => a.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.ActionId, a.SchoolId }).IsUnique();
        builder.HasIndex(a => a.SchoolId);
        builder.HasOne(a => a.Acknowledgement).WithOne().HasForeignKey<ActionAcknowledgement>(k => k.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.AssignmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
