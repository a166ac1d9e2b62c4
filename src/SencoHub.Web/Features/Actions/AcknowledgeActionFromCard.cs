using System.Globalization;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The card's Acknowledge button. Who pressed is the sender in the directory, never the card's data;
/// the answer is the refreshed card, or a polite message for someone who may not acknowledge it.
/// </summary>
public sealed partial class AcknowledgeActionFromCard(AcknowledgeAction acknowledge, ActionCards cards, ILogger<AcknowledgeActionFromCard> logger) : ICardAction
{
    public async Task<AdaptiveCardInvokeResponse> HandleAsync(BotTurn turn, CardActionRequest action, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        if (!ActionCardData.TryRead(action, out var actionId, out var schoolId))
        {
            return AdaptiveCardInvokeResponse.Message(ActionCards.OutOfDate);
        }

        try
        {
            var result = await acknowledge.AcknowledgeAsync(person, actionId, schoolId, cancellationToken);
            LogAcknowledged(logger, actionId, schoolId, person.PersonId, result.Recorded);
            return AdaptiveCardInvokeResponse.Card(cards.ForSchool(result.Action, result.School, CardAudience.For(person, result.Action, result.School)));
        }
        catch (ProblemException refusal)
        {
            LogRefused(logger, actionId, schoolId, person.PersonId, refusal.Status);
            return AdaptiveCardInvokeResponse.Message(refusal.Status == 404 ? ActionCards.OutOfDate : refusal.Detail ?? refusal.Title);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionId} acknowledged for school {SchoolId} by person {PersonId} (new record: {Recorded})")]
    private static partial void LogAcknowledged(ILogger logger, int actionId, string schoolId, int personId, bool recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledge of action {ActionId} for school {SchoolId} by person {PersonId} refused ({Status}); nothing recorded")]
    private static partial void LogRefused(ILogger logger, int actionId, string schoolId, int personId, int status);
}

/// <summary>The <c>{ actionId, schoolId }</c> every action card button carries.</summary>
internal static class ActionCardData
{
    public static bool TryRead(CardActionRequest action, out int actionId, out string schoolId)
    {
        schoolId = action.GetString("schoolId")?.Trim() ?? string.Empty;
        // Only a well-formed school id (the directory's rule) reaches the logs.
        return int.TryParse(action.GetString("actionId"), NumberStyles.None, CultureInfo.InvariantCulture, out actionId)
            && SchoolIdRule.IsValid(schoolId);
    }
}
