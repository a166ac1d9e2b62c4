using System.Text.Json;
using System.Text.Json.Serialization;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Connector;

/// <summary><c>{ id }</c> returned by send/reply/update. The id is null when the service answered 2xx without a body.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>
    /// A proactive 1:1 chat. The tenant goes in both <c>tenantId</c> and <c>channelData.tenant</c>
    /// (botbuilder did this while Teams migrated between the two).
    /// </summary>
    public static ConversationParameters Personal(string botId, string userId, string tenantId) => new()
    {
        IsGroup = false,
        Bot = new ChannelAccount { Id = botId },
        Members = [new ChannelAccount { Id = userId }],
        TenantId = tenantId,
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } },
    };
}

/// <summary><c>{ id, activityId?, serviceUrl? }</c> returned by create conversation.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One page of <c>GET …/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public IList<TeamsChannelAccount> Members { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
