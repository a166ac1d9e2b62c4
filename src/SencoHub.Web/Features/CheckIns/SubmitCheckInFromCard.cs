using System.Text;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// "Send check-in" on the card. The answers are checked again here; invalid ones come back on the
/// card with the person's values and what to change. Valid ones become the school's response (a
/// revision when it had one), and every SENCO's card for that school shows it was received.
/// </summary>
public sealed partial class SubmitCheckInFromCard(SencoHubDb db, CheckInCardAccess access, DirectoryService directory, Outbox outbox, ILogger<SubmitCheckInFromCard> logger, TimeProvider clock) : ICardAction
{
    private const int Attempts = 3;

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(BotTurn turn, CardActionRequest action, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        if (action.Data is { } data && Encoding.UTF8.GetByteCount(data.GetRawText()) > CheckInOptions.MaxSubmissionBytes)
        {
            LogRefused(logger, "oversized submission");
            return AdaptiveCardInvokeResponse.Error(400, "PayloadTooLarge",
                $"That check-in is larger than {CheckInOptions.MaxSubmissionBytes / 1024} KB, so it was not saved. Shorten the longest answers and send it again.");
        }

        CheckInCardTarget target;
        try
        {
            target = await access.ResolveAsync(person, action, cancellationToken);
        }
        catch (ProblemException refusal)
        {
            LogRefused(logger, refusal.Title);
            return CheckInCardAccess.Refusal(refusal);
        }

        var context = target.Context;
        var form = CheckInForm.Read(context.Survey, action.Data);
        var errors = form.IsValid ? TooLongForACard(context, form) : form.Errors;
        if (errors.Count > 0)
        {
            LogReturnedForChanges(logger, context.RoundId, context.SchoolId, errors.Count);
            return AdaptiveCardInvokeResponse.Card(CheckInCards.Survey(context, form.Entered, errors));
        }

        var response = await StoreAsync(context, form.Answers, person, target, cancellationToken);
        var submittedAt = UkDates.FormatWithTime(response.SubmittedAt, target.Terms.TimeZone);
        return AdaptiveCardInvokeResponse.Card(CheckInCards.Received(context, response.Answers, response.SubmittedBy, submittedAt));
    }

    /// <summary>
    /// Stored answers must fit back on the card ("Change my answers"), so a set of answers too long
    /// for one Teams card altogether (each within its own limit) is returned on its longest answer.
    /// </summary>
    private static IReadOnlyDictionary<string, string> TooLongForACard(CheckInCardContext context, CheckInForm form)
    {
        // A kilobyte spare for the "Sent by …" note the card carries when it is shown again.
        if (CheckInCards.Survey(context, form.Entered).GetSizeInBytes() <= AdaptiveCard.RecommendedMaxBytes - 1024)
        {
            return form.Errors;
        }

        var longest = context.Survey.Questions.Where(q => q.IsText).MaxBy(q => form.Entered.GetValueOrDefault(q.Id)?.Length ?? 0)!;
        return new Dictionary<string, string>
        {
            [longest.Id] = "Together your answers are too long to fit on one Teams card. Shorten this answer, the longest, and send it again.",
        };
    }

    private async Task<CheckInResponse> StoreAsync(CheckInCardContext context, CheckInAnswers answers, SignedInPerson person, CheckInCardTarget target, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var response = await db.Set<CheckInResponse>().FirstOrDefaultAsync(r => r.RoundId == context.RoundId && r.SchoolId == context.SchoolId, cancellationToken);
            CheckInResponseRevision? revision;
            if (response is null)
            {
                (response, revision) = CheckInResponse.Submit(context.RoundId, context.SchoolId, answers, person.PersonId, person.Name, now);
                db.Add(response);
            }
            else
            {
                revision = response.Revise(answers, person.PersonId, person.Name, now);
            }

            if (revision is null)
            {
                // The same answers again (a double press or Teams retrying): nothing changes.
                return response;
            }

            db.Add(revision);
            await ShowReceivedOnCardsAsync(context, response, target, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogStored(logger, context.RoundId, context.SchoolId, response.Revision);
                return response;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another SENCO of the school (or a second press) saved first: start again from what is stored.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The cards the school's SENCOs were sent now say it was received, and by whom.</summary>
    private async Task ShowReceivedOnCardsAsync(CheckInCardContext context, CheckInResponse response, CheckInCardTarget target, CancellationToken cancellationToken)
    {
        var card = CheckInCards.Received(context, response.Answers, response.SubmittedBy, UkDates.FormatWithTime(response.SubmittedAt, target.Terms.TimeZone));
        foreach (var senco in (await directory.HoldersOfAsync(Role.Senco, cancellationToken)).Where(h => h.SchoolId == context.SchoolId))
        {
            await outbox.ReplaceDeliveredAsync(OpenCheckInRound.CardTrackingKey(context.RoundId, context.SchoolId, senco.AadObjectId),
                card.ToMessage("SEND check-in received"),
                $"checkins:{context.RoundId}:received:{context.SchoolId}:{senco.AadObjectId}:{response.Revision}", "checkins.received",
                IfUnreachable.Skip, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in card action refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in for round {RoundId}, school {SchoolId} returned with {Problems} answers to change")]
    private static partial void LogReturnedForChanges(ILogger logger, int roundId, string schoolId, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored check-in for round {RoundId}, school {SchoolId}, revision {Revision}")]
    private static partial void LogStored(ILogger logger, int roundId, string schoolId, int revision);
}
