using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>A round's results as the person may see them: every school, or only their own.</summary>
public sealed class GetCheckInResults(SencoHubDb db, DirectoryService directory, CalendarService calendar)
{
    public async Task<CheckInResults> GetAsync(int roundId, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        CheckInQueries.EnsureCanReadCheckIns(person);
        var round = await db.FindCheckInRoundAsync(roundId, cancellationToken);
        var readable = CheckInQueries.ReadableSchools(person);
        var history = await LoadHistoryAsync(db, round.Sequence, readable, cancellationToken);
        var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var sencos = (await directory.HoldersOfAsync(Role.Senco, cancellationToken))
            .GroupBy(h => h.SchoolId ?? string.Empty)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(h => h.Name)]);
        return CheckInResultsBuilder.Build(history[^1], history, names, sencos, readable, await calendar.TodayAsync(cancellationToken));
    }

    /// <summary>Every round up to and including the one at <paramref name="upToSequence"/>, oldest first, with the readable answers: two queries.</summary>
    public static async Task<List<RoundAnswers>> LoadHistoryAsync(SencoHubDb db, int upToSequence, IReadOnlyCollection<string>? readable, CancellationToken cancellationToken)
    {
        var rounds = await db.Set<CheckInRound>().AsNoTrackingWithIdentityResolution().Include(r => r.Template)
            .Where(r => r.Sequence <= upToSequence).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        var ids = rounds.Select(r => r.Id).ToList();
        var query = db.Set<CheckInResponse>().AsNoTracking().Where(r => ids.Contains(r.RoundId));
        if (readable is not null)
        {
            var schools = readable.ToList();
            query = query.Where(r => schools.Contains(r.SchoolId));
        }

        var responses = (await query.ToListAsync(cancellationToken)).ToLookup(r => r.RoundId);
        return [.. rounds.Select(r => new RoundAnswers(r, r.Template.Definition, [.. responses[r.Id]]))];
    }
}
