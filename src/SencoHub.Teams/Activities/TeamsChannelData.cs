using System.Text.Json;
using System.Text.Json.Serialization;

namespace SencoHub.Teams.Activities;

/// <summary>The Teams <c>channelData</c> block.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }

    /// <summary>e.g. <c>teamMemberAdded</c>, <c>channelCreated</c>; Teams is inconsistent about case.</summary>
    public string? EventType { get; set; }
    public TeamsChannelDataSettings? Settings { get; set; }
    public NotificationInfo? Notification { get; set; }
    public SourceInfo? Source { get; set; }
    public MeetingInfo? Meeting { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class TeamsChannelDataSettings
{
    /// <summary>The channel chosen when the app was installed into a team.</summary>
    public ChannelInfo? SelectedChannel { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class NotificationInfo
{
    /// <summary>Outbound: ask Teams to raise an activity-feed notification.</summary>
    public bool? Alert { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class SourceInfo
{
    public string? Name { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed class MeetingInfo
{
    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
