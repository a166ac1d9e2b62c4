namespace SencoHub.Teams.Activities;

/// <summary>
/// What must be stored to message a conversation later (protocol reference, section 9). Refresh
/// it from every inbound activity: <see cref="ServiceUrl"/> can change.
/// </summary>
public sealed record ConversationReference
{
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? ChannelId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? UserName { get; init; }
    public string? TeamId { get; init; }
    public string? TeamAadGroupId { get; init; }
    public string? TeamsChannelId { get; init; }

    public static ConversationReference FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            throw new ArgumentException("The activity has no serviceUrl or conversation id.", nameof(activity));
        }

        return new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl,
            ConversationId = activity.Conversation.Id,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.TenantId,
            ChannelId = activity.ChannelId,
            BotId = activity.Recipient?.Id,
            BotName = activity.Recipient?.Name,
            UserId = activity.From?.Id,
            UserAadObjectId = activity.From?.AadObjectId,
            UserName = activity.From?.Name,
            TeamId = activity.ChannelData?.Team?.Id,
            TeamAadGroupId = activity.ChannelData?.Team?.AadGroupId,
            TeamsChannelId = activity.ChannelData?.Channel?.Id,
        };
    }

    /// <summary>An outbound message addressed to this conversation (the Connector fills the rest).</summary>
    public Activity CreateMessage(string? text = null, string? textFormat = null)
    {
        var activity = Activity.CreateMessage(text, textFormat);
        activity.ServiceUrl = ServiceUrl;
        activity.ChannelId = ChannelId;
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = ConversationType, TenantId = TenantId };
        activity.From = BotId is null ? null : new ChannelAccount { Id = BotId, Name = BotName };
        return activity;
    }
}
