using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// On the first school day of each half-term, once the morning time is reached, every SEND lead gets
/// a digest of the resources not reviewed for <see cref="LibraryOptions.StaleAfterMonths"/> months.
/// Called every few minutes by every instance: the outbox key names the half-term, so it is sent once.
/// Nothing is sent when nothing is stale.
/// </summary>
public sealed partial class SendStaleDigest(
    SencoHubDb db, SearchLibrary search, CalendarService calendar, DirectoryService directory, Outbox outbox, LibraryCards cards,
    IOptions<LibraryOptions> options, ILogger<SendStaleDigest> logger) : IScheduledJob
{
    private const int ListedInDigest = 15;

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => await DueAsync(now, cancellationToken);

    /// <summary>How many SEND leads got a digest now (0 when it is not due, or was already sent).</summary>
    public async Task<int> DueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await calendar.SchoolDayMorningAsync(now, cancellationToken) is not (var terms, var today)
            || terms.HalfTermContaining(today) is not { } halfTerm || FirstSchoolDay(terms, halfTerm) != today)
        {
            return 0;
        }

        var months = options.Value.StaleAfterMonths;
        var staleBefore = today.AddMonths(-months);
        var stale = db.Set<LibraryResource>().AsNoTracking().Where(r => r.LastReviewedOn <= staleBefore);
        var total = await stale.CountAsync(cancellationToken);
        if (total == 0)
        {
            return 0;
        }

        var oldest = await stale.OrderBy(r => r.LastReviewedOn).ThenBy(r => r.Id).Select(r => r.Id).Take(ListedInDigest).ToListAsync(cancellationToken);
        var card = cards.StaleDigest(await search.SummariesAsync(oldest, today, cancellationToken), total, months, halfTerm.DisplayName);
        var sent = 0;
        foreach (var lead in (await directory.HoldersOfAsync(Role.SendLead, cancellationToken)).DistinctBy(l => l.PersonId))
        {
            var key = $"library:stale-digest:{halfTerm.AcademicYear}:{halfTerm.Name}:{lead.AadObjectId}";
            if (await outbox.ToPersonAsync(lead.AadObjectId, card.ToMessage($"{total} library resources are due for review"), key, "library.stale-digest", key, cancellationToken: cancellationToken))
            {
                sent++;
            }
        }

        if (sent > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogSent(logger, sent, total, halfTerm.DisplayName);
        }

        return sent;
    }

    private static DateOnly? FirstSchoolDay(TermCalendar terms, HalfTerm halfTerm) =>
        terms.IsSchoolDay(halfTerm.Start) ? halfTerm.Start : terms.NextSchoolDay(halfTerm.Start);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the stale library digest to {Leads} SEND lead(s): {Stale} resource(s) due for review in {HalfTerm}")]
    private static partial void LogSent(ILogger logger, int leads, int stale, string halfTerm);
}
