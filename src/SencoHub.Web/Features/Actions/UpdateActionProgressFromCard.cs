using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The card's inline "Save update": status, note and evidence link from the card's inputs. The answer is
/// the refreshed card showing the new entry; a problem with what was typed comes back as a message, with
/// the card (and what was typed) left as it is. Notes are never logged.
/// </summary>
public sealed partial class UpdateActionProgressFromCard(UpdateActionProgress update, ActionCards cards, ILogger<UpdateActionProgressFromCard> logger) : ICardAction
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
            var request = new ProgressRequest(action.GetString("status"), action.GetString("note"), action.GetString("evidenceUrl"));
            var result = await update.RecordAsync(person, actionId, schoolId, request, cancellationToken);
            LogRecorded(logger, actionId, schoolId, person.PersonId, result.Update.Status, result.Recorded);
            return AdaptiveCardInvokeResponse.Card(cards.ForSchool(result.Action, result.School, CardAudience.For(person, result.Action, result.School)));
        }
        catch (ProblemException refusal)
        {
            LogRefused(logger, actionId, schoolId, person.PersonId, refusal.Status);
            return AdaptiveCardInvokeResponse.Message(refusal.Status switch
            {
                400 => "Nothing was saved. " + refusal.Detail,
                404 => ActionCards.OutOfDate,
                _ => refusal.Detail ?? refusal.Title,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress on action {ActionId} for school {SchoolId} by person {PersonId}: {Status} (new record: {Recorded})")]
    private static partial void LogRecorded(ILogger logger, int actionId, string schoolId, int personId, AssignmentStatus status, bool recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress on action {ActionId} for school {SchoolId} by person {PersonId} refused ({Status}); nothing recorded")]
    private static partial void LogRefused(ILogger logger, int actionId, string schoolId, int personId, int status);
}
