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
        var history = await LoadHistoryAsync(db, round.Sequence, readable, fullRounds: 1, cancellationToken);
        var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var sencos = (await directory.HoldersOfAsync(Role.Senco, cancellationToken))
            .GroupBy(h => h.SchoolId ?? string.Empty)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(h => h.Name)]);
        return CheckInResultsBuilder.Build(history[^1], history, names, sencos, readable, calendar.Today());
    }

    /// <summary>
    /// Every round up to and including the one at <paramref name="upToSequence"/>, oldest first, with
    /// the readable schools' answers: in full for the newest <paramref name="fullRounds"/> (null: all),
    /// whole numbers only for the rest, which is all trends need. Two queries plus one per kind.
    /// </summary>
    public static async Task<List<RoundAnswers>> LoadHistoryAsync(SencoHubDb db, int upToSequence, IReadOnlyCollection<string>? readable,
        int? fullRounds, CancellationToken cancellationToken)
    {
        var rounds = await db.Set<CheckInRound>().AsNoTrackingWithIdentityResolution().Include(r => r.Template)
            .Where(r => r.Sequence <= upToSequence).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        var full = rounds.TakeLast(fullRounds ?? rounds.Count).Select(r => r.Id).ToList();
        var older = rounds.Select(r => r.Id).Except(full).ToList();
        var responses = db.Set<CheckInResponse>().AsNoTracking();
        if (readable is not null)
        {
            var schools = readable.ToList();
            responses = responses.Where(r => schools.Contains(r.SchoolId));
        }

        var answers = (await responses.Where(r => full.Contains(r.RoundId)).ToListAsync(cancellationToken))
            .Select(r => (r.RoundId, Answers: SchoolAnswers.Of(r))).ToList();
        if (older.Count > 0)
        {
            var numbers = await responses.Where(r => older.Contains(r.RoundId))
                .Select(r => new { r.RoundId, r.SchoolId, r.NumbersJson, r.SubmittedAt, r.SubmittedBy, r.Revision })
                .ToListAsync(cancellationToken);
            answers.AddRange(numbers.Select(r => (r.RoundId, new SchoolAnswers(r.SchoolId, CheckInAnswers.Parse(r.NumbersJson), r.SubmittedAt, r.SubmittedBy, r.Revision))));
        }

        var byRound = answers.ToLookup(a => a.RoundId, a => a.Answers);
        return [.. rounds.Select(r => new RoundAnswers(r, r.Template.Definition, [.. byRound[r.Id]]))];
    }
}
