using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>A check-in card button resolved to a round and school the person may answer for today.</summary>
public sealed record CheckInCardTarget(CheckInRound Round, CheckInCardContext Context, TermCalendar Terms, DateOnly Today);

/// <summary>
/// Who may press a check-in card's buttons: the card's data only says which round and school it is
/// about; the person comes from Teams, their schools from the directory, and the round's state from
/// the database, so a forged card gets nowhere.
/// </summary>
public sealed class CheckInCardAccess(SencoHubDb db, DirectoryService directory, CalendarService calendar, TimeProvider clock)
{
    public async Task<CheckInCardTarget> ResolveAsync(SignedInPerson person, CardActionRequest action, CancellationToken cancellationToken)
    {
        if (ReadTarget(action) is not { } target)
        {
            throw ProblemException.Invalid("card", "This card does not say which check-in it is for. Type \"check-in\" to get a fresh card.");
        }

        var (roundId, schoolId) = target;
        if (!person.Holds(Role.Senco, schoolId))
        {
            throw ProblemException.Forbidden("You can only answer the check-in for a school where you are the SENCO. Nothing was saved.");
        }

        var round = await db.Set<CheckInRound>().Include(r => r.Template).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw ProblemException.NotFound("That check-in");
        var school = await directory.FindSchoolAsync(schoolId, cancellationToken);
        if (school is null || !round.Includes(schoolId))
        {
            throw ProblemException.Forbidden("That school is not part of this check-in round. Nothing was saved.");
        }

        var terms = await calendar.LoadAsync(cancellationToken);
        var today = terms.LocalDate(clock.GetUtcNow());
        if (!round.AcceptsAnswersOn(today))
        {
            var closed = round.ClosedAt is { } at && terms.LocalDate(at) <= round.ClosesOn ? terms.LocalDate(at) : round.ClosesOn;
            throw ProblemException.Conflict($"The {round.DisplayName} check-in closed on {UkDates.Format(closed)}, so answers can no longer be sent or changed. Nothing was saved.");
        }

        return new CheckInCardTarget(round, new CheckInCardContext(round.Id, round.DisplayName, round.ClosesOn, school.Id, school.Name, round.Template.Definition), terms, today);
    }

    /// <summary>A refusal as the card's answer: bad requests as errors, the rest as a message the person reads.</summary>
    public static AdaptiveCardInvokeResponse Refusal(ProblemException refusal) =>
        refusal.Status == 400
            ? AdaptiveCardInvokeResponse.Error(400, "BadRequest", refusal.Detail ?? refusal.Title)
            : AdaptiveCardInvokeResponse.Message(refusal.Detail ?? refusal.Title);

    private static (int RoundId, string SchoolId)? ReadTarget(CardActionRequest action)
    {
        if (action.Data is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("round", out var round) || !data.TryGetProperty("school", out var school)
            || school.ValueKind != JsonValueKind.String || school.GetString() is not { } schoolId || !SchoolIdRule.IsValid(schoolId))
        {
            return null;
        }

        int? roundId = round.ValueKind switch
        {
            JsonValueKind.Number when round.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(round.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        return roundId is { } id ? (id, schoolId) : null;
    }
}
