using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

public enum ConversationKind
{
    Personal,
    Channel,
    GroupChat,
}

/// <summary>
/// Where the bot can post: captured from every incoming activity (protocol reference, section 9)
/// and refreshed each time, since the service URL can change.
/// </summary>
public sealed class ConversationRecord
{
    public int Id { get; set; }

    /// <summary>For channels, the channel id without a thread suffix: posting there starts a new thread.</summary>
    [StoredText(StoredText.Identifier)]
    public required string ConversationId { get; set; }

    public ConversationKind Kind { get; set; }
    [StoredText(StoredText.Identifier)]
    public required string ServiceUrl { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TenantId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? BotId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? UserId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? UserAadObjectId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TeamId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TeamAadGroupId { get; set; }
    [StoredText(StoredText.FreeText)]
    public string? Name { get; set; }

    /// <summary>When the app was installed here (installationUpdate / the bot joining); null if only seen.</summary>
    public DateTimeOffset? InstalledAt { get; set; }

    /// <summary>Teams refused to deliver here (uninstalled, blocked, deleted); not used again until it is seen afresh.</summary>
    public bool IsDead { get; set; }

    [StoredText(StoredText.Generated)]
    public string? DeadReason { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>A Teams user the bot has seen, so a personal chat can be created for them.</summary>
public sealed class TeamsUser
{
    [StoredText(StoredText.Identifier)]
    public required string AadObjectId { get; set; }
    [StoredText(StoredText.Identifier)]
    public required string UserId { get; set; }
    [StoredText(StoredText.Identifier)]
    public required string ServiceUrl { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? TenantId { get; set; }
    [StoredText(StoredText.Identifier)]
    public string? BotId { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class ConversationRecordConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> builder)
    {
        builder.ToTable("conversations");
        builder.Property(c => c.ConversationId).HasMaxLength(512);
        builder.HasIndex(c => c.ConversationId).IsUnique();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ServiceUrl).HasMaxLength(512);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.BotId).HasMaxLength(200);
        builder.Property(c => c.UserId).HasMaxLength(200);
        builder.Property(c => c.UserAadObjectId).HasMaxLength(128);
        builder.Property(c => c.TeamId).HasMaxLength(512);
        builder.Property(c => c.TeamAadGroupId).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.DeadReason).HasMaxLength(300);
        builder.HasIndex(c => new { c.Kind, c.UserAadObjectId });
    }
}

internal sealed class TeamsUserConfiguration : IEntityTypeConfiguration<TeamsUser>
{
    public void Configure(EntityTypeBuilder<TeamsUser> builder)
    {
        builder.ToTable("teams_users");
        builder.HasKey(u => u.AadObjectId);
        builder.Property(u => u.AadObjectId).HasMaxLength(128);
        builder.Property(u => u.UserId).HasMaxLength(200);
        builder.Property(u => u.ServiceUrl).HasMaxLength(512);
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.Property(u => u.BotId).HasMaxLength(200);
    }
}
