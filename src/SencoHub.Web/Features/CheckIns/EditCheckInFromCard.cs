using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>"Change my answers" and "Answer the check-in": the survey card, filled in with what the school sent.</summary>
public sealed class EditCheckInFromCard(SencoHubDb db, CheckInCardAccess access) : ICardAction
{
    public async Task<AdaptiveCardInvokeResponse> HandleAsync(BotTurn turn, CardActionRequest action, CancellationToken cancellationToken)
    {
        try
        {
            var target = await access.ResolveAsync(turn.Person!, action, cancellationToken);
            return AdaptiveCardInvokeResponse.Card(await CardAsync(db, target.Context, target.Terms.TimeZone, cancellationToken));
        }
        catch (ProblemException refusal)
        {
            return CheckInCardAccess.Refusal(refusal);
        }
    }

    /// <summary>The survey for one school: empty, or with its stored answers and who sent them.</summary>
    public static async Task<AdaptiveCard> CardAsync(SencoHubDb db, CheckInCardContext context, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var response = await db.Set<CheckInResponse>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.RoundId == context.RoundId && r.SchoolId == context.SchoolId, cancellationToken);
        if (response is null)
        {
            return CheckInCards.Survey(context, new Dictionary<string, string>());
        }

        var answers = response.Answers;
        var values = context.Survey.Questions
            .Select(q => (q.Id, Value: answers.InputValue(q)))
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Id, a => a.Value!);
        var note = $"Sent by {response.SubmittedBy}, {UkDates.FormatWithTime(response.SubmittedAt, zone)}. Change anything and send it again before it closes.";
        return CheckInCards.Survey(context, values, note: note);
    }
}
