using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// On school-day mornings, reminds SENCOs who have not answered an open round: every
/// <see cref="CheckInOptions.ReminderEverySchoolDays"/> school days after it opened, and on its
/// closing day. Never on weekends, INSET days or holidays; at most once a day however often it runs.
/// </summary>
public sealed class SendCheckInReminders(SencoHubDb db, CalendarService calendar, RemindCheckIns remind, IOptions<CheckInOptions> options) : IScheduledJob
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await calendar.SchoolDayMorningAsync(now, cancellationToken) is not (var terms, var today))
        {
            return;
        }

        var open = await db.Set<CheckInRound>().Include(r => r.Template)
            .Where(r => r.ClosedAt == null && r.ClosesOn >= today).ToListAsync(cancellationToken);
        foreach (var round in open.Where(r => IsDue(terms, r, today, options.Value)))
        {
            await remind.RemindAsync(round, today, null, cancellationToken);
        }
    }

    public static bool IsDue(TermCalendar terms, CheckInRound round, DateOnly today, CheckInOptions options)
    {
        var schoolDaysOpen = terms.SchoolDaysBetween(round.OpenedOn, today);
        return terms.IsSchoolDay(today) && schoolDaysOpen > 0
            && (schoolDaysOpen % options.ReminderEverySchoolDays == 0 || today == round.ClosesOn);
    }
}
