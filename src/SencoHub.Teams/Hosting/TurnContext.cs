using SencoHub.Teams.Activities;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Hosting;

/// <summary>One inbound activity, who sent it, and how to answer in its conversation.</summary>
public sealed class TurnContext
{
    public TurnContext(Activity activity, BotCaller caller, ConnectorClient connector, IServiceProvider services, CancellationToken invokeDeadline = default)
    {
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        Caller = caller ?? throw new ArgumentNullException(nameof(caller));
        Connector = connector ?? throw new ArgumentNullException(nameof(connector));
        Services = services ?? throw new ArgumentNullException(nameof(services));
        InvokeDeadline = invokeDeadline;
    }

    public Activity Activity { get; }

    /// <summary>The authenticated caller (<see cref="BotCaller.Anonymous"/> in anonymous mode).</summary>
    public BotCaller Caller { get; }

    public ConnectorClient Connector { get; }

    /// <summary>Services of this turn's own scope, which lives until the handler finishes.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Cancelled when an invoke's in-band budget is spent; work may go on, but its answer will not reach Teams in-band.</summary>
    public CancellationToken InvokeDeadline { get; }

    /// <summary>The activity id; with <see cref="ConversationId"/> the key for de-duplicating Teams' retries.</summary>
    public string? ActivityId => Activity.Id;

    public string? ConversationId => Activity.Conversation?.Id;

    /// <summary>The reference to store for proactive messages; null if the activity lacks a service URL.</summary>
    public ConversationReference? Reference =>
        string.IsNullOrEmpty(Activity.ServiceUrl) || string.IsNullOrEmpty(Activity.Conversation?.Id) ? null : ConversationReference.FromActivity(Activity);

    /// <summary>Sends a new message to this conversation.</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        return Connector.SendToConversationAsync(ServiceUrl, RequireConversationId(), activity, cancellationToken);
    }

    public Task<ResourceResponse> SendAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Activity.CreateMessage(text), cancellationToken);

    /// <summary>Replies to the inbound activity (in channels: in its thread).</summary>
    public Task<ResourceResponse> ReplyAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        if (string.IsNullOrEmpty(Activity.Id))
        {
            return Connector.SendToConversationAsync(ServiceUrl, RequireConversationId(), activity, cancellationToken);
        }

        return Connector.ReplyToActivityAsync(ServiceUrl, RequireConversationId(), Activity.Id, activity, cancellationToken);
    }

    public Task<ResourceResponse> ReplyAsync(string text, CancellationToken cancellationToken = default) =>
        ReplyAsync(Activity.CreateMessage(text), cancellationToken);

    /// <summary>Replaces a message the bot sent in this conversation (e.g. the card behind <c>replyToId</c>).</summary>
    public Task<ResourceResponse> UpdateAsync(string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        activity.Id = activityId;
        return Connector.UpdateActivityAsync(ServiceUrl, RequireConversationId(), activityId, activity, cancellationToken);
    }

    public Task DeleteAsync(string activityId, CancellationToken cancellationToken = default) =>
        Connector.DeleteActivityAsync(ServiceUrl, RequireConversationId(), activityId, cancellationToken);

    private string ServiceUrl => Activity.ServiceUrl is { Length: > 0 } url ? url : throw new InvalidOperationException("The activity has no serviceUrl.");

    private string RequireConversationId() => ConversationId ?? throw new InvalidOperationException("The activity has no conversation id.");

    private void Address(Activity outbound)
    {
        outbound.Type ??= ActivityTypes.Message;
        outbound.ChannelId ??= Activity.ChannelId;
        outbound.ServiceUrl ??= Activity.ServiceUrl;
        outbound.From ??= Activity.Recipient is null ? null : new ChannelAccount { Id = Activity.Recipient.Id, Name = Activity.Recipient.Name };
        outbound.Recipient ??= Activity.From is null ? null : new ChannelAccount { Id = Activity.From.Id, Name = Activity.From.Name };
        outbound.Conversation ??= new ConversationAccount
        {
            Id = Activity.Conversation?.Id,
            ConversationType = Activity.Conversation?.ConversationType,
            TenantId = Activity.TenantId,
            IsGroup = Activity.Conversation?.IsGroup,
        };
    }
}
