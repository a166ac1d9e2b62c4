using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Platform.Bot;

/// <summary>One activity from Teams as SencoHub sees it: who sent it, as the trust directory knows them.</summary>
public sealed class BotTurn(TurnContext context, SignedInPerson? person)
{
    public TurnContext Context { get; } = context;

    /// <summary>The turn with its sender looked up in the trust directory by Entra object id.</summary>
    public static async Task<BotTurn> StartAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var objectId = context.Activity.From?.AadObjectId;
        var person = string.IsNullOrEmpty(objectId)
            ? null
            : await context.Services.GetRequiredService<IPersonDirectory>().FindAsync(objectId, cancellationToken);
        return new BotTurn(context, person);
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
}
