using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// Routes activities to the app's handlers: message commands (first word), card verbs
/// (<c>Action.Execute</c> and the <c>Action.Submit</c> fallback), message-extension queries,
/// other invokes, and conversation/installation updates. Unknown verbs and invokes get a polite
/// answer. Register all routes at start-up; routing is then read-only and thread-safe.
/// </summary>
public sealed class ActivityRouter : IBotHandler
{
    private readonly Dictionary<string, Func<TurnContext, CommandRequest, CancellationToken, Task>> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TurnContext, CardActionRequest, CancellationToken, Task<AdaptiveCardInvokeResponse>>> _verbs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TurnContext, MessagingExtensionQuery, CancellationToken, Task<InvokeResponse>>> _queries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TurnContext, CancellationToken, Task<InvokeResponse>>> _invokes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TurnContext, CancellationToken, Task>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private Func<TurnContext, CommandRequest, CancellationToken, Task>? _fallback;
    private Func<TurnContext, CancellationToken, ValueTask<bool>>? _turnFilter;
    private readonly ILogger _logger;

    public ActivityRouter(ILogger<ActivityRouter>? logger = null) => _logger = logger ?? (ILogger)NullLogger.Instance;

    public string UnsupportedActionMessage { get; set; } = "Sorry, that button is no longer supported.";

    /// <summary>A text command, matched case-insensitively on the first word.</summary>
    public ActivityRouter OnCommand(string command, Func<TurnContext, CommandRequest, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        _commands[command.Trim()] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>A card verb: <c>adaptiveCard/action</c> invokes, and submits whose data has <c>verb</c>.</summary>
    public ActivityRouter OnCardAction(string verb, Func<TurnContext, CardActionRequest, CancellationToken, Task<AdaptiveCardInvokeResponse>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        _verbs[verb] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>A search message-extension command (<c>composeExtension/query</c>) by command id.</summary>
    public ActivityRouter OnQuery(string commandId, Func<TurnContext, MessagingExtensionQuery, CancellationToken, Task<InvokeResponse>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        _queries[commandId] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>Any other invoke by name (e.g. <c>task/fetch</c>, <c>composeExtension/selectItem</c>).</summary>
    public ActivityRouter OnInvoke(string name, Func<TurnContext, CancellationToken, Task<InvokeResponse>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _invokes[name] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>A non-message activity type, e.g. <c>messageReaction</c>.</summary>
    public ActivityRouter OnActivity(string type, Func<TurnContext, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        _activities[type] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    public ActivityRouter OnConversationUpdate(Func<TurnContext, CancellationToken, Task> handler) =>
        OnActivity(ActivityTypes.ConversationUpdate, handler);

    public ActivityRouter OnInstallationUpdate(Func<TurnContext, CancellationToken, Task> handler) =>
        OnActivity(ActivityTypes.InstallationUpdate, handler);

    /// <summary>Text that matches no command (the command is the first word, possibly empty).</summary>
    public ActivityRouter OnUnknownMessage(Func<TurnContext, CommandRequest, CancellationToken, Task> handler)
    {
        _fallback = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>
    /// Runs before routing; return false to skip the turn. The idempotency hook: Teams retries slow
    /// requests, so an app can record <see cref="TurnContext.ConversationId"/> + <see cref="TurnContext.ActivityId"/>
    /// and skip ones it has seen.
    /// </summary>
    public ActivityRouter OnTurnStarting(Func<TurnContext, CancellationToken, ValueTask<bool>> filter)
    {
        _turnFilter = filter ?? throw new ArgumentNullException(nameof(filter));
        return this;
    }

    public async Task<BotResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (_turnFilter is not null && !await _turnFilter(turn, cancellationToken).ConfigureAwait(false))
        {
            return turn.Activity.IsInvoke ? BotResponse.FromInvokeResponse(InvokeResponse.EmptyOk()) : null;
        }

        var activity = turn.Activity;
        if (activity.IsInvoke)
        {
            return await RouteInvokeAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        if (activity.IsMessage)
        {
            await RouteMessageAsync(turn, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (activity.Type is { } type && _activities.TryGetValue(type, out var handler))
        {
            await handler(turn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            TeamsLog.NoRoute(_logger, activity.Type, activity.Name, activity.Id);
        }

        return null;
    }

    private async Task<BotResponse> RouteInvokeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (string.Equals(activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.OrdinalIgnoreCase))
        {
            var request = CardActionRequest.FromInvoke(activity);
            if (request is not null && _verbs.TryGetValue(request.Verb, out var verbHandler))
            {
                return await verbHandler(turn, request, cancellationToken).ConfigureAwait(false);
            }

            TeamsLog.NoRoute(_logger, activity.Type, activity.Name, activity.Id);
            return AdaptiveCardInvokeResponse.Message(UnsupportedActionMessage);
        }

        if (string.Equals(activity.Name, InvokeNames.ComposeExtensionQuery, StringComparison.OrdinalIgnoreCase)
            && MessagingExtensionQuery.From(activity) is { } query
            && _queries.TryGetValue(query.CommandId, out var queryHandler))
        {
            return await queryHandler(turn, query, cancellationToken).ConfigureAwait(false);
        }

        if (activity.Name is { } name && _invokes.TryGetValue(name, out var invokeHandler))
        {
            return await invokeHandler(turn, cancellationToken).ConfigureAwait(false);
        }

        TeamsLog.NoRoute(_logger, activity.Type, activity.Name, activity.Id);
        return InvokeResponse.EmptyOk();
    }

    private async Task RouteMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;

        // Action.Submit (and messageBack): a message carrying the card's data in "value".
        if (string.IsNullOrWhiteSpace(activity.Text) && CardActionRequest.FromSubmit(activity) is { } submit)
        {
            await RouteSubmitAsync(turn, submit, cancellationToken).ConfigureAwait(false);
            return;
        }

        // In channels and group chats act only when the bot is @mentioned (RSC apps see every message).
        if (activity.IsGroupConversation && !activity.MentionsRecipient())
        {
            return;
        }

        var text = activity.GetTextWithoutMentions();
        var split = text.IndexOf(' ', StringComparison.Ordinal);
        var command = new CommandRequest(split < 0 ? text : text[..split], split < 0 ? string.Empty : text[(split + 1)..].Trim());
        if (command.Command.Length > 0 && _commands.TryGetValue(command.Command, out var handler))
        {
            await handler(turn, command, cancellationToken).ConfigureAwait(false);
        }
        else if (_fallback is not null)
        {
            await _fallback(turn, command, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            TeamsLog.NoRoute(_logger, activity.Type, activity.Name, activity.Id);
        }
    }

    /// <summary>
    /// A submit cannot be answered in-band: a returned card replaces the card message
    /// (<c>replyToId</c>) and a returned text is sent as a reply.
    /// </summary>
    private async Task RouteSubmitAsync(TurnContext turn, CardActionRequest submit, CancellationToken cancellationToken)
    {
        if (!_verbs.TryGetValue(submit.Verb, out var handler))
        {
            TeamsLog.NoRoute(_logger, turn.Activity.Type, "submit", turn.Activity.Id);
            await turn.ReplyAsync(UnsupportedActionMessage, cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = await handler(turn, submit, cancellationToken).ConfigureAwait(false);
        if (response.Type == AdaptiveCardInvokeResponse.CardType && response.Value is System.Text.Json.Nodes.JsonObject card)
        {
            var message = new Activity
            {
                Type = ActivityTypes.Message,
                Attachments = [new Attachment { ContentType = AdaptiveCard.ContentType, Content = card.DeepClone() }],
            };
            if (turn.Activity.ReplyToId is { Length: > 0 } cardMessageId)
            {
                await turn.UpdateAsync(cardMessageId, message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await turn.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var text = response.Type == AdaptiveCardInvokeResponse.ErrorType
                ? response.Value["message"]?.GetValue<string>()
                : response.Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? response.Value.GetValue<string>() : null;
            if (!string.IsNullOrEmpty(text))
            {
                await turn.ReplyAsync(text, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
