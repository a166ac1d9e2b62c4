using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <param name="Reminded">Names of the headteachers reminded now.</param>
/// <param name="AlreadyRemindedToday">Outstanding headteachers left alone because they had a reminder today.</param>
public sealed record NudgeResult(IReadOnlyList<string> Reminded, int AlreadyRemindedToday)
{
    public static NudgeResult None { get; } = new([], 0);
}

/// <summary>
/// Reminds headteachers who have not acknowledged the current version: on the SEND lead's "Nudge now",
/// or on school-day mornings once it is N school days old and at most every M school days. At most one
/// reminder per person per day either way (a unique index), so repeated runs and instances send once.
/// </summary>
public sealed partial class NudgeHeadteachers(
    SencoHubDb db, ReadStrategy read, DirectoryService directory, CalendarService calendar, Outbox outbox, StrategyCards cards,
    IOptions<StrategyOptions> options, TimeProvider clock, ILogger<NudgeHeadteachers> logger)
{
    public async Task<NudgeResult> NowAsync(int versionId, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        StrategyAccess.EnsureSendLead(by);
        var version = await read.FindAsync(versionId, by, cancellationToken: cancellationToken) ?? throw ProblemException.NotFound("The strategy version");
        if (version.State != StrategyState.Published)
        {
            throw ProblemException.Conflict($"Version {version.Number} is not the current published version, so there is nothing to remind headteachers about.");
        }

        var now = clock.GetUtcNow();
        var terms = await calendar.LoadAsync(cancellationToken);
        return await SendAsync(version, terms.LocalDate(now), now, NudgeKind.Manual, _ => true, cancellationToken);
    }

    /// <summary>The scheduled rule; does nothing outside a school-day morning.</summary>
    public async Task<NudgeResult> DueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var terms = await calendar.LoadAsync(cancellationToken);
        if (!terms.IsSchoolDayMorningReached(now, calendar.MorningTime)
            || await read.CurrentAsync(cancellationToken: cancellationToken) is not { PublishedAt: { } published } version)
        {
            return NudgeResult.None;
        }

        var today = terms.LocalDate(now);
        if (terms.SchoolDaysBetween(terms.LocalDate(published), today) < options.Value.NudgeAfterSchoolDays)
        {
            return NudgeResult.None;
        }

        var last = (await db.Set<StrategyNudge>().AsNoTracking().Where(n => n.VersionId == version.Id)
                .Select(n => new { n.PersonId, n.On }).ToListAsync(cancellationToken))
            .GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => g.Max(n => n.On));
        return await SendAsync(version, today, now, NudgeKind.Scheduled,
            personId => !last.TryGetValue(personId, out var on) || terms.SchoolDaysBetween(on, today) >= options.Value.NudgeEverySchoolDays,
            cancellationToken);
    }

    private async Task<NudgeResult> SendAsync(StrategyVersionView version, DateOnly today, DateTimeOffset now, NudgeKind kind, Func<int, bool> due, CancellationToken cancellationToken)
    {
        var remindedToday = (await db.Set<StrategyNudge>().AsNoTracking().Where(n => n.VersionId == version.Id && n.On == today)
            .Select(n => n.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var reminded = new List<string>();
        var skipped = 0;
        foreach (var head in await OutstandingAsync(version.Id, cancellationToken))
        {
            if (remindedToday.Contains(head.PersonId))
            {
                skipped++;
                continue;
            }

            if (!due(head.PersonId))
            {
                continue;
            }

            var key = StrategyTracking.NudgeCard(version.Id, head.AadObjectId, today);
            await outbox.ToPersonAsync(head.AadObjectId, cards.Nudge(version, head.SchoolNames).ToMessage($"Reminder: strategy version {version.Number}"),
                key, "strategy.nudge", key, ifUnreachable: IfUnreachable.Skip, cancellationToken: cancellationToken);
            db.Add(new StrategyNudge(version.Id, head.PersonId, today, now, kind));
            reminded.Add(head.Name);
        }

        if (reminded.Count == 0)
        {
            return new NudgeResult([], skipped);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance (or a second press) reminded them today already.
            db.ChangeTracker.Clear();
            return new NudgeResult([], skipped + reminded.Count);
        }

        LogReminded(logger, version.Id, reminded.Count, kind);
        return new NudgeResult(reminded, skipped);
    }

    private async Task<IReadOnlyList<OutstandingHeadteacher>> OutstandingAsync(int versionId, CancellationToken cancellationToken)
    {
        var schools = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var acknowledged = (await db.Set<StrategyAcknowledgement>().AsNoTracking().Where(a => a.VersionId == versionId)
            .Select(a => new { a.PersonId, a.SchoolId }).ToListAsync(cancellationToken)).Select(a => (a.PersonId, a.SchoolId)).ToHashSet();
        return [.. (await directory.HoldersOfAsync(Role.Headteacher, cancellationToken))
            .Where(h => h.SchoolId is not null && !acknowledged.Contains((h.PersonId, h.SchoolId)))
            .GroupBy(h => h.PersonId)
            .Select(g => new OutstandingHeadteacher(g.Key, g.First().AadObjectId, g.First().Name,
                [.. g.Select(h => schools.GetValueOrDefault(h.SchoolId!, h.SchoolId!))]))];
    }

    private sealed record OutstandingHeadteacher(int PersonId, string AadObjectId, string Name, IReadOnlyList<string> SchoolNames);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Count} headteacher(s) to acknowledge strategy version {VersionId} ({Kind})")]
    private static partial void LogReminded(ILogger logger, int versionId, int count, NudgeKind kind);
}
