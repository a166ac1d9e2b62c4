using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Actions;

public enum FeedState
{
    Pending,
    Sending,
    Sent,
    Failed,
}

/// <summary>
/// A Teams activity-feed notification waiting to go through Microsoft Graph. Queued in the same
/// transaction as the change it tells of, unique by <see cref="IdempotencyKey"/>, sent by
/// <see cref="SendActivityFeed"/> in the background, so a Graph outage never loses or blocks an action.
/// </summary>
public sealed class ActivityFeedNotification
{
    private ActivityFeedNotification()
    {
    }

    internal ActivityFeedNotification(string idempotencyKey, string recipientAadObjectId, string activityType, string previewText,
        string webUrl, string templateParametersJson, DateTimeOffset at)
    {
        IdempotencyKey = idempotencyKey;
        RecipientAadObjectId = recipientAadObjectId;
        ActivityType = activityType;
        PreviewText = previewText;
        WebUrl = webUrl;
        TemplateParametersJson = templateParametersJson;
        State = FeedState.Pending;
        CreatedAt = at;
        DueAt = at;
    }

    public long Id { get; private set; }
    [StoredText(StoredText.Generated)]
    public string IdempotencyKey { get; private set; } = string.Empty;
    [StoredText(StoredText.Identifier)]
    public string RecipientAadObjectId { get; private set; } = string.Empty;

    /// <summary>An activity type the manifest declares (<c>actionAssigned</c>, <c>actionDue</c>).</summary>
    [StoredText(StoredText.Generated)]
    public string ActivityType { get; private set; } = string.Empty;
    [StoredText(StoredText.Generated)]
    public string PreviewText { get; private set; } = string.Empty;
    [StoredText(StoredText.Generated)]
    public string WebUrl { get; private set; } = string.Empty;

    /// <summary><c>[{ "name", "value" }]</c> for the type's template placeholders.</summary>
    [StoredText(StoredText.Generated)]
    public string TemplateParametersJson { get; private set; } = "[]";
    public FeedState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Graph's error code or the exception type; never a message body (it may echo text).</summary>
    [StoredText(StoredText.Generated)]
    public string? FailureReason { get; private set; }

    internal void Sent(DateTimeOffset at)
    {
        State = FeedState.Sent;
        Attempts++;
        CompletedAt = at;
        LeaseUntil = null;
    }

    internal void Failed(string reason, DateTimeOffset at)
    {
        State = FeedState.Failed;
        Attempts++;
        FailureReason = reason.Length > 200 ? reason[..200] : reason;
        CompletedAt = at;
        LeaseUntil = null;
    }

    /// <summary>Another try later, or failed for good after <paramref name="maxAttempts"/>.</summary>
    internal void Retry(string reason, DateTimeOffset at, int maxAttempts)
    {
        if (Attempts + 1 >= maxAttempts)
        {
            Failed(reason, at);
            return;
        }

        Attempts++;
        State = FeedState.Pending;
        FailureReason = reason.Length > 200 ? reason[..200] : reason;
        DueAt = at.AddMinutes(Math.Pow(2, Attempts));
        LeaseUntil = null;
    }
}

internal sealed class ActivityFeedNotificationConfiguration : IEntityTypeConfiguration<ActivityFeedNotification>
{
    public void Configure(EntityTypeBuilder<ActivityFeedNotification> builder)
    {
        builder.ToTable("action_feed_notifications");
        builder.Property(n => n.IdempotencyKey).HasMaxLength(300);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.Property(n => n.RecipientAadObjectId).HasMaxLength(128);
        builder.Property(n => n.ActivityType).HasMaxLength(64);
        builder.Property(n => n.PreviewText).HasMaxLength(150);
        builder.Property(n => n.WebUrl).HasMaxLength(2_000);
        builder.Property(n => n.TemplateParametersJson).HasMaxLength(4_000);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.FailureReason).HasMaxLength(200);
        builder.HasIndex(n => new { n.State, n.DueAt });
    }
}
