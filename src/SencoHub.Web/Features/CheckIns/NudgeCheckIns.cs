using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// The SEND lead's "nudge now": reminds SENCOs who have not answered. On a weekend or in a holiday
/// the nudge waits for the next school-day morning rather than reaching people at home.
/// </summary>
public sealed class NudgeCheckIns(SencoHubDb db, CalendarService calendar, RemindCheckIns remind, TimeProvider clock)
{
    public async Task<ReminderOutcome> NudgeAsync(int roundId, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        if (!person.IsSendLead)
        {
            throw ProblemException.Forbidden("Only the SEND lead nudges SENCOs.");
        }

        var round = await db.FindCheckInRoundAsync(roundId, cancellationToken);
        var terms = await calendar.LoadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = terms.LocalDate(now);
        if (!round.AcceptsAnswersOn(today))
        {
            throw ProblemException.Conflict($"{round.DisplayName} is closed, so there is nobody to nudge.");
        }

        if (!terms.IsSchoolDay(today) && terms.NextSchoolDayMorning(now, calendar.MorningTime) is { } morning
            && terms.LocalDate(morning) <= round.ClosesOn)
        {
            return await remind.RemindAsync(round, terms.LocalDate(morning), morning, cancellationToken);
        }

        return await remind.RemindAsync(round, today, null, cancellationToken);
    }
}
