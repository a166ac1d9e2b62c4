using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Strategy;

/// <summary>
/// On school-day mornings, reminds headteachers who have not acknowledged the current version once it
/// is <see cref="StrategyOptions.NudgeAfterSchoolDays"/> school days old, and then at most every
/// <see cref="StrategyOptions.NudgeEverySchoolDays"/> school days (spaced by <see cref="StrategyNudge"/>).
/// </summary>
public sealed class SendStrategyNudges(SencoHubDb db, CalendarService calendar, ReadStrategy read, NudgeHeadteachers nudges, IOptions<StrategyOptions> options)
    : IScheduledJob
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await calendar.SchoolDayMorningAsync(now, cancellationToken) is not (var terms, var today)
            || await read.CurrentAsync(cancellationToken: cancellationToken) is not { PublishedAt: { } published } version
            || terms.SchoolDaysBetween(terms.LocalDate(published), today) < options.Value.NudgeAfterSchoolDays)
        {
            return;
        }

        var last = (await db.Set<StrategyNudge>().AsNoTracking().Where(n => n.VersionId == version.Id)
                .Select(n => new { n.PersonId, n.On }).ToListAsync(cancellationToken))
            .GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => g.Max(n => n.On));
        await nudges.SendAsync(version, today, now, NudgeKind.Scheduled,
            personId => !last.TryGetValue(personId, out var on) || terms.SchoolDaysBetween(on, today) >= options.Value.NudgeEverySchoolDays,
            cancellationToken);
    }
}
