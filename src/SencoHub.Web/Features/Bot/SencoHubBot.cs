using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Bot;

/// <summary>
/// The app's bot: records where it can post, welcomes people, answers help, and hands commands,
/// card buttons and searches to the features that registered them.
/// </summary>
internal sealed partial class SencoHubBot(BotRegistry registry, IMemoryCache seen, ILogger<SencoHubBot> logger)
{
    // Teams retries a POST it thinks was slow; the same message is answered once.
    private static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(10);

    public ActivityRouter BuildRouter(ILogger<ActivityRouter> routerLogger)
    {
        var router = new ActivityRouter(routerLogger);
        router.OnTurnStarting(CaptureAsync);
        router.OnInstallationUpdate(OnInstallationUpdateAsync);
        router.OnConversationUpdate(OnConversationUpdateAsync);
        router.OnCommand("help", (turn, _, ct) => ReplyHelpAsync(turn, null, ct));
        router.OnCardAction(BotCards.ShowCommandsVerb, async (turn, _, ct) =>
        {
            var botTurn = await BotTurn.StartAsync(turn, ct);
            return botTurn.Person is not { } person
                ? AdaptiveCardInvokeResponse.Message(BotCards.NotInDirectory)
                : AdaptiveCardInvokeResponse.Card(BotCards.Help(registry.CommandsFor(person), turn.Services.GetRequiredService<AppLinks>().Page("/")));
        });
        router.OnUnknownMessage((turn, request, ct) => ReplyHelpAsync(turn, request.Command + (request.Arguments.Length > 0 ? " " + request.Arguments : string.Empty), ct));
        foreach (var command in registry.Commands)
        {
            router.OnCommand(command.Name, async (turn, request, ct) =>
            {
                var botTurn = await BotTurn.StartAsync(turn, ct);
                if (botTurn.Person is null)
                {
                    await turn.ReplyAsync(BotCards.NotInDirectory, ct);
                    return;
                }

                await ((IBotCommand)turn.Services.GetRequiredService(command.Handler)).HandleAsync(botTurn, request, ct);
            });
        }

        foreach (var (verb, handler) in registry.CardActions)
        {
            router.OnCardAction(verb, async (turn, action, ct) =>
            {
                var botTurn = await BotTurn.StartAsync(turn, ct);
                return botTurn.Person is null
                    ? AdaptiveCardInvokeResponse.Message(BotCards.NotInDirectory)
                    : await ((ICardAction)turn.Services.GetRequiredService(handler)).HandleAsync(botTurn, action, ct);
            });
        }

        foreach (var (commandId, handler) in registry.MessageExtensions)
        {
            router.OnQuery(commandId, async (turn, query, ct) =>
            {
                var botTurn = await BotTurn.StartAsync(turn, ct);
                return botTurn.Person is null
                    ? MessagingExtensionResponse.Message(BotCards.NotInDirectory)
                    : await ((IMessageExtension)turn.Services.GetRequiredService(handler)).QueryAsync(botTurn, query, ct);
            });
        }

        router.OnInvoke(InvokeNames.ComposeExtensionSelectItem, async (turn, ct) =>
        {
            var value = turn.Activity.Value;
            var commandId = value is { ValueKind: System.Text.Json.JsonValueKind.Object } v && v.TryGetProperty("commandId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                ? id.GetString() : null;
            var extension = registry.MessageExtensions.FirstOrDefault(e => string.Equals(e.CommandId, commandId, StringComparison.Ordinal));
            if (extension.Handler is null)
            {
                return MessagingExtensionResponse.Message("That result is no longer available; search again.");
            }

            var botTurn = await BotTurn.StartAsync(turn, ct);
            return botTurn.Person is null
                ? MessagingExtensionResponse.Message(BotCards.NotInDirectory)
                : await ((IMessageExtension)turn.Services.GetRequiredService(extension.Handler)).SelectItemAsync(botTurn, value!.Value, ct);
        });

        return router;
    }

    /// <summary>Every activity refreshes the conversation reference; a repeated message is dropped.</summary>
    private async ValueTask<bool> CaptureAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.IsMessage && turn.ActivityId is { } id && turn.ConversationId is { } conversation)
        {
            var key = ("bot-activity", conversation, id);
            if (seen.TryGetValue(key, out _))
            {
                LogDuplicate(logger, id);
                return false;
            }

            seen.Set(key, true, RetryWindow);
        }

        var store = turn.Services.GetRequiredService<ConversationStore>();
        if (turn.Activity.IsType(ActivityTypes.InstallationUpdate) && IsRemoval(turn.Activity.Action))
        {
            await store.ForgetAsync(turn.Activity, cancellationToken);
            return true;
        }

        var db = turn.Services.GetRequiredService<SencoHubDb>();
        try
        {
            if (await store.CaptureAsync(turn.Activity, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Teams sends installationUpdate and conversationUpdate together: the other request
            // recorded this conversation first, so record over what it wrote.
            db.ChangeTracker.Clear();
            store.ForgetRecentlySeen(turn.Activity);
            await store.CaptureAsync(turn.Activity, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Someone seen for the first time gets what waited for them (after the save: the worker needs their chat).
        await store.ReleaseHeldAsync(cancellationToken);
        return true;
    }

    private async Task OnInstallationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (IsRemoval(turn.Activity.Action) || !string.Equals(turn.Activity.Action, InstallationActions.Add, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var links = turn.Services.GetRequiredService<AppLinks>();
        var directory = turn.Services.GetRequiredService<DirectoryService>();
        if (turn.Activity.IsGroupConversation)
        {
            await turn.ReplyAsync(BotCards.ChannelWelcome(await directory.TrustNameAsync(cancellationToken), links.Page("/")).ToMessage(), cancellationToken);
            return;
        }

        var botTurn = await BotTurn.StartAsync(turn, cancellationToken);
        if (botTurn.Person is not { } person)
        {
            await turn.ReplyAsync(BotCards.NotInDirectory, cancellationToken);
            return;
        }

        var roles = await DescribeRolesAsync(directory, person, cancellationToken);
        var card = BotCards.Welcome(person, await directory.TrustNameAsync(cancellationToken), roles, links.Page("/"));
        await turn.ReplyAsync(card.ToMessage("Welcome to SencoHub"), cancellationToken);
    }

    private async Task OnConversationUpdateAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // The bot leaving a team or chat arrives as membersRemoved holding the bot itself.
        if (turn.Activity.MembersRemoved?.Any(m => m.Id == turn.Activity.Recipient?.Id) == true)
        {
            await turn.Services.GetRequiredService<ConversationStore>().ForgetAsync(turn.Activity, cancellationToken);
        }
    }

    private async Task ReplyHelpAsync(TurnContext turn, string? notUnderstood, CancellationToken cancellationToken)
    {
        var botTurn = await BotTurn.StartAsync(turn, cancellationToken);
        if (botTurn.Person is not { } person)
        {
            await turn.ReplyAsync(BotCards.NotInDirectory, cancellationToken);
            return;
        }

        var home = turn.Services.GetRequiredService<AppLinks>().Page("/");
        var card = BotCards.Help(registry.CommandsFor(person), home, string.IsNullOrWhiteSpace(notUnderstood) ? null : notUnderstood);
        await turn.ReplyAsync(card.ToMessage("SencoHub commands"), cancellationToken);
    }

    internal static async Task<IReadOnlyList<string>> DescribeRolesAsync(DirectoryService directory, SignedInPerson person, CancellationToken cancellationToken)
    {
        var schools = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        return [.. person.Roles.Select(r => r.Describe(schools))];
    }

    private static bool IsRemoval(string? action) => action?.StartsWith(InstallationActions.Remove, StringComparison.OrdinalIgnoreCase) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a repeated delivery of activity {ActivityId}")]
    private static partial void LogDuplicate(ILogger logger, string activityId);
}
