using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Calendar;

/// <summary>Loads the term calendar and keeps half-terms and non-school days up to date.</summary>
public sealed class CalendarService(SencoHubDb db, IOptions<ScheduleOptions> schedule, TimeProvider clock)
{
    public TimeOnly MorningTime => schedule.Value.MorningTime;

    /// <summary>
    /// Where every scheduled job starts: the calendar and the trust-local date when <paramref name="now"/> is a
    /// school day at or after the morning time, else null (weekends, holidays, INSET days, before the morning).
    /// </summary>
    public async Task<SchoolDayMorning?> SchoolDayMorningAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var terms = await LoadAsync(cancellationToken);
        return terms.IsSchoolDayMorningReached(now, MorningTime) ? new SchoolDayMorning(terms, terms.LocalDate(now)) : null;
    }

    public async Task<TermCalendar> LoadAsync(CancellationToken cancellationToken = default)
    {
        var halfTerms = await db.Set<HalfTerm>().AsNoTracking().ToListAsync(cancellationToken);
        var closures = await db.Set<NonSchoolDay>().AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken);
        return new TermCalendar(halfTerms, closures, TimeZone);
    }

    /// <summary>The trust's time zone: configuration only, so no database read.</summary>
    public TimeZoneInfo TimeZone => schedule.Value.ResolveTimeZone();

    /// <summary>Today's date in the trust's time zone.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    public Task<List<HalfTerm>> ListHalfTermsAsync(CancellationToken cancellationToken = default) =>
        db.Set<HalfTerm>().AsNoTracking().OrderBy(h => h.Start).ToListAsync(cancellationToken);

    public Task<List<NonSchoolDay>> ListNonSchoolDaysAsync(CancellationToken cancellationToken = default) =>
        db.Set<NonSchoolDay>().AsNoTracking().OrderBy(d => d.Date).ToListAsync(cancellationToken);

    /// <summary>Adds or updates half-terms by (academic year, half-term). The caller saves.</summary>
    public async Task UpsertHalfTermsAsync(IEnumerable<HalfTermDates> halfTerms, CancellationToken cancellationToken = default)
    {
        var existing = await db.Set<HalfTerm>().ToListAsync(cancellationToken);
        foreach (var dates in halfTerms)
        {
            var halfTerm = existing.FirstOrDefault(h => h.AcademicYear == dates.AcademicYear && h.Name == dates.Name);
            if (halfTerm is null)
            {
                halfTerm = new HalfTerm { AcademicYear = dates.AcademicYear, Name = dates.Name };
                db.Add(halfTerm);
                existing.Add(halfTerm);
            }

            halfTerm.Start = dates.Start;
            halfTerm.End = dates.End;
        }
    }

    /// <summary>Adds or updates non-school days by date. The caller saves.</summary>
    public async Task UpsertNonSchoolDaysAsync(IEnumerable<NonSchoolDayEntry> days, CancellationToken cancellationToken = default)
    {
        var existing = await db.Set<NonSchoolDay>().ToDictionaryAsync(d => d.Date, cancellationToken);
        foreach (var entry in days)
        {
            if (existing.TryGetValue(entry.Date, out var day))
            {
                day.Reason = entry.Reason;
            }
            else
            {
                var added = new NonSchoolDay { Date = entry.Date, Reason = entry.Reason };
                db.Add(added);
                existing[entry.Date] = added;
            }
        }
    }

    public async Task RemoveNonSchoolDayAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        await db.Set<NonSchoolDay>().Where(d => d.Date == date).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task RemoveHalfTermAsync(int id, CancellationToken cancellationToken = default)
    {
        await db.Set<HalfTerm>().Where(h => h.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}

public sealed record SchoolDayMorning(TermCalendar Terms, DateOnly Today);

public sealed record HalfTermDates(string AcademicYear, HalfTermName Name, DateOnly Start, DateOnly End);

public sealed record NonSchoolDayEntry(DateOnly Date, string Reason);
