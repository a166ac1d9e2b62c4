using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.CheckIns;

public sealed record RoundListItem(int Id, string Name, string AcademicYear, string HalfTerm, DateOnly ClosesOn, bool IsOpen,
    DateTimeOffset OpenedAt, string? OpenedBy, DateTimeOffset? ClosedAt, int TemplateVersion, int Responded, int Expected)
{
    public int Percent => new ResponseRate(Responded, Expected).Percent;
}

/// <summary>Every round, newest first, with its response rate over the schools the person may see.</summary>
public sealed class ListCheckInRounds(SencoHubDb db, CalendarService calendar)
{
    public async Task<IReadOnlyList<RoundListItem>> ListAsync(SignedInPerson person, CancellationToken cancellationToken = default)
    {
        CheckInQueries.EnsureCanReadCheckIns(person);
        var readable = CheckInQueries.ReadableSchools(person);
        var today = calendar.Today();
        var rounds = await db.Set<CheckInRound>().AsNoTrackingWithIdentityResolution().Include(r => r.Template)
            .OrderByDescending(r => r.Sequence).ToListAsync(cancellationToken);
        var answered = db.Set<CheckInResponse>().AsNoTracking();
        if (readable is not null)
        {
            var schools = readable.ToList();
            answered = answered.Where(r => schools.Contains(r.SchoolId));
        }

        var counts = await answered.GroupBy(r => r.RoundId).Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Count, cancellationToken);
        return [.. rounds.Select(r => new RoundListItem(r.Id, r.DisplayName, r.AcademicYear, r.HalfTerm.ToString(), r.ClosesOn, r.AcceptsAnswersOn(today),
            r.OpenedAt, r.OpenedBy, r.ClosedAt, r.Template.Version, counts.GetValueOrDefault(r.Id),
            readable is null ? r.SchoolIds.Count : r.SchoolIds.Count(readable.Contains)))];
    }
}
