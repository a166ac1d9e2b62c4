using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

public enum DeliveryState
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,

    /// <summary>Claimed by a worker until <see cref="OutboxMessage.LeaseUntil"/>.</summary>
    Sending,

    /// <summary>Throttled or briefly unreachable; tried again at <see cref="OutboxMessage.DueAt"/>.</summary>
    Waiting,

    Delivered,
    Failed,

    /// <summary>
    /// Cannot reach the person yet: they have not installed the app and the bot has not seen them in a team
    /// or chat. Held, never failed: queued again when they are first seen (<see cref="ConversationStore"/>).
    /// </summary>
    WaitingForInstall,

    /// <summary>Never sent, and never will be: a later message made it unnecessary while it was held.</summary>
    Superseded,
}

/// <summary>What a message is worth to someone the bot cannot reach yet.</summary>
public enum IfUnreachable
{
    /// <summary>Held until they are first seen, then sent (a card they still need: a check-in, a strategy, an action).</summary>
    Hold,

    /// <summary>
    /// Not worth sending late: a reminder of a card that is itself held, or (for an update) a change that makes
    /// the held original pointless (answered, acknowledged, superseded, withdrawn). Marked superseded.
    /// </summary>
    Skip,
}

public enum DeliveryTarget
{
    /// <summary>A person's personal chat with the bot (created when there is none yet).</summary>
    Person,

    /// <summary>The SENCO network channel: the team channel the bot was installed in last.</summary>
    NetworkChannel,

    /// <summary>A known conversation by id (a group chat, a meeting chat, a channel).</summary>
    Conversation,
}

/// <summary>
/// One message to one recipient, written by a feature in the same transaction as its own change
/// and sent in the background by <see cref="DeliveryWorker"/>. The idempotency key makes a
/// message unique, so retried feature work never queues it twice.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    [StoredText(StoredText.Generated)]
    public required string IdempotencyKey { get; set; }

    /// <summary>What the message is about, for reports (e.g. <c>strategy.published</c>).</summary>
    [StoredText(StoredText.Generated)]
    public required string Topic { get; set; }

    public DeliveryTarget Target { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TargetAadObjectId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TargetConversationId { get; set; }

    /// <summary>The outgoing activity (text and attachments) as Bot Framework JSON.</summary>
    [StoredText(StoredText.Generated)]
    public required string ActivityJson { get; set; }

    /// <summary>Lets a feature find, report on, or later update what was sent (e.g. <c>strategy:12:person:abc</c>).</summary>
    [StoredText(StoredText.Generated)]
    public string? TrackingKey { get; set; }

    /// <summary>When set, this replaces the delivered message that carries this tracking key instead of sending a new one.</summary>
    [StoredText(StoredText.Generated)]
    public string? ReplacesTrackingKey { get; set; }

    public DeliveryState State { get; set; }

    /// <summary>What to do when the recipient cannot be reached yet; for an update, what becomes of a held original.</summary>
    public IfUnreachable IfUnreachable { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// Set just before each call to Teams. Still set when a message is claimed again with no outcome recorded:
    /// its worker died mid-send, so Teams may have it already (the one case that can repeat a message).
    /// </summary>
    public DateTimeOffset? AttemptStartedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    [StoredText(StoredText.Generated)]
    public string? LeaseOwner { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? SentActivityId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? SentConversationId { get; set; }
    [StoredText(StoredText.Generated)]
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.IdempotencyKey).HasMaxLength(300);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.Topic).HasMaxLength(100);
        builder.Property(m => m.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.IfUnreachable).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.TargetAadObjectId).HasMaxLength(128);
        builder.Property(m => m.TargetConversationId).HasMaxLength(512);
        builder.Property(m => m.TrackingKey).HasMaxLength(300);
        builder.Property(m => m.ReplacesTrackingKey).HasMaxLength(300);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.SentActivityId).HasMaxLength(200);
        builder.Property(m => m.SentConversationId).HasMaxLength(512);
        builder.Property(m => m.FailureReason).HasMaxLength(500);
        builder.HasIndex(m => new { m.State, m.DueAt });
        builder.HasIndex(m => m.TrackingKey);
        builder.HasIndex(m => m.ReplacesTrackingKey);
        builder.HasIndex(m => m.Topic);
        builder.HasIndex(m => new { m.TargetAadObjectId, m.State });
    }
}
