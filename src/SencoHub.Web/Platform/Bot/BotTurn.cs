using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Connector;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Platform.Bot;

/// <summary>One activity from Teams as SencoHub sees it: who sent it, as the trust directory knows them.</summary>
public sealed partial class BotTurn(TurnContext context, SignedInPerson? person)
{
    public TurnContext Context { get; } = context;

    /// <summary>
    /// The turn with its sender looked up in the trust directory by Entra object id. A sender the
    /// directory does not know yet may be someone listed by email: Teams' members call tells their
    /// sign-in name and email, and the directory links them on this first contact.
    /// </summary>
    public static async Task<BotTurn> StartAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var objectId = context.Activity.From?.AadObjectId;
        if (string.IsNullOrEmpty(objectId))
        {
            return new BotTurn(context, null);
        }

        var directory = context.Services.GetRequiredService<IPersonDirectory>();
        var person = await directory.FindAsync(objectId, cancellationToken)
            ?? await LinkOnFirstContactAsync(context, directory, objectId, cancellationToken);
        return new BotTurn(context, person);
    }

    private static async Task<SignedInPerson?> LinkOnFirstContactAsync(TurnContext context, IPersonDirectory directory, string objectId, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(context.ConversationId) || string.IsNullOrEmpty(activity.From?.Id)
            || !await directory.AnyWaitingForFirstSignInAsync(cancellationToken))
        {
            return null;
        }

        TeamsChannelAccount member;
        try
        {
            // In a channel the team is the roster to ask; a channel thread id carries a message suffix.
            var roster = activity.ChannelData?.Team?.Id is { Length: > 0 } teamId ? teamId : context.ConversationId;
            member = await context.Connector.GetMemberAsync(activity.ServiceUrl, roster, activity.From.Id, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            LogMemberLookupFailed(context.Services.GetRequiredService<ILogger<BotTurn>>(), ex, ex.Failure);
            return null;
        }

        // The members call answers for the sender's own id; anything else is not them.
        return string.Equals(member.AadObjectId ?? member.ObjectId, objectId, StringComparison.Ordinal)
            ? await directory.LinkAsync(objectId, [member.UserPrincipalName, member.Email], cancellationToken)
            : null;
    }

    /// <summary>The sender in the trust directory; null when the trust has not added them.</summary>
    public SignedInPerson? Person { get; } = person;

    public Activity Activity => Context.Activity;

    public IServiceProvider Services => Context.Services;

    public Task ReplyAsync(string text, CancellationToken cancellationToken) => Context.ReplyAsync(text, cancellationToken);

    public Task ReplyAsync(AdaptiveCard card, CancellationToken cancellationToken, string? summary = null) =>
        Context.ReplyAsync(card.ToMessage(summary), cancellationToken);

    public Task ReplyAsync(IReadOnlyList<AdaptiveCard> cards, CancellationToken cancellationToken, string? summary = null)
    {
        var message = Activity.CreateMessage();
        message.Summary = summary;
        message.Attachments = [.. cards.Select(c => c.ToAttachment())];
        return Context.ReplyAsync(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up a new sender's sign-in name ({Kind}); they stay unlinked for now")]
    private static partial void LogMemberLookupFailed(ILogger logger, Exception exception, ConnectorFailure kind);
}
