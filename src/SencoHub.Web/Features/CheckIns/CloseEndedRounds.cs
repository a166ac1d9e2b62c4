using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// Closes rounds whose closing date has passed, on the next weekday morning, which posts their
/// summary to the network channel. Answers are refused from the day after the closing date either way.
/// </summary>
public sealed class CloseEndedRounds(SencoHubDb db, CalendarService calendar, CloseCheckInRound close) : IScheduledJob
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var terms = await calendar.LoadAsync(cancellationToken);
        var today = terms.LocalDate(now);
        if (today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || now < terms.ToInstant(today, calendar.MorningTime))
        {
            return;
        }

        var ended = await db.Set<CheckInRound>().Where(r => r.ClosedAt == null && r.ClosesOn < today).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in ended)
        {
            await close.CloseAsync(id, null, cancellationToken);
        }
    }
}
