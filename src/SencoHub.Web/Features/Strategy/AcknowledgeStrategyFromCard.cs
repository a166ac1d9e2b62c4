using System.Globalization;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <summary>
/// The card's Acknowledge button. Who pressed is the sender in the directory (never the card's data);
/// the answer is the updated card, or a polite message for someone who is not a headteacher (a forwarded card).
/// </summary>
public sealed partial class AcknowledgeStrategyFromCard(AcknowledgeStrategy acknowledge, StrategyCards cards, ILogger<AcknowledgeStrategyFromCard> logger) : ICardAction
{
    public async Task<AdaptiveCardInvokeResponse> HandleAsync(BotTurn turn, CardActionRequest action, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        if (!int.TryParse(action.GetString("versionId"), NumberStyles.None, CultureInfo.InvariantCulture, out var versionId))
        {
            return AdaptiveCardInvokeResponse.Message("This card is out of date. Type \"strategy\" to get the current strategy.");
        }

        if (person.SchoolsWhere(Role.Headteacher).Count == 0)
        {
            LogNotHeadteacher(logger, versionId, person.PersonId);
            return AdaptiveCardInvokeResponse.Message(AcknowledgeStrategy.NotAHeadteacher);
        }

        try
        {
            var result = await acknowledge.AcknowledgeAsync(person, versionId, cancellationToken);
            if (result.Superseded)
            {
                return AdaptiveCardInvokeResponse.Card(cards.Superseded(result.Version, result.Current));
            }

            LogAcknowledged(logger, versionId, person.PersonId, result.Recorded);
            return AdaptiveCardInvokeResponse.Card(cards.Acknowledged(result.Version, person.Name, result.AcknowledgedAt!.Value));
        }
        catch (ProblemException refusal)
        {
            return AdaptiveCardInvokeResponse.Message(refusal.Detail ?? refusal.Title);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy version {VersionId} acknowledged by person {PersonId} (new record: {Recorded})")]
    private static partial void LogAcknowledged(ILogger logger, int versionId, int personId, bool recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledge of strategy version {VersionId} pressed by person {PersonId}, who leads no school; nothing recorded")]
    private static partial void LogNotHeadteacher(ILogger logger, int versionId, int personId);
}
