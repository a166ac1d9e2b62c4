namespace SencoHub.Web.Features.Calendar;

/// <summary>
/// School-day arithmetic over a snapshot of the trust's half-terms and non-school days.
/// Pure: no clock and no database, so every rule is unit-testable.
/// </summary>
public sealed class TermCalendar
{
    // Far enough to cross a summer holiday twice; stops a search when no dates are entered.
    private const int SearchHorizonDays = 800;

    private readonly HalfTerm[] _halfTerms;
    private readonly HashSet<DateOnly> _nonSchoolDays;

    public TermCalendar(IEnumerable<HalfTerm> halfTerms, IEnumerable<DateOnly> nonSchoolDays, TimeZoneInfo timeZone)
    {
        _halfTerms = [.. halfTerms.OrderBy(h => h.Start)];
        _nonSchoolDays = [.. nonSchoolDays];
        TimeZone = timeZone;
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<HalfTerm> HalfTerms => _halfTerms;

    public HalfTerm? HalfTermContaining(DateOnly date) => _halfTerms.FirstOrDefault(h => h.Contains(date));

    /// <summary>The half-term in progress on that date, or the next one to start.</summary>
    public HalfTerm? CurrentOrNextHalfTerm(DateOnly date) =>
        HalfTermContaining(date) ?? _halfTerms.FirstOrDefault(h => h.Start > date);

    public bool IsSchoolDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !_nonSchoolDays.Contains(date)
        && HalfTermContaining(date) is not null;

    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The first school day strictly after <paramref name="date"/>, if any is entered.</summary>
    public DateOnly? NextSchoolDay(DateOnly date) => AddSchoolDays(date, 1);

    /// <summary>
    /// Moves <paramref name="count"/> school days from <paramref name="date"/> (backwards when
    /// negative); null when the calendar runs out of entered half-terms.
    /// </summary>
    public DateOnly? AddSchoolDays(DateOnly date, int count)
    {
        var step = count >= 0 ? 1 : -1;
        var remaining = Math.Abs(count);
        var day = date;
        for (var i = 0; i < SearchHorizonDays && remaining > 0; i++)
        {
            day = day.AddDays(step);
            if (IsSchoolDay(day))
            {
                remaining--;
            }
        }

        return remaining == 0 ? day : null;
    }

    /// <summary>School days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int SchoolDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsSchoolDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The next school-day morning at <paramref name="localTime"/> (trust time zone) strictly after
    /// <paramref name="after"/>, as a UTC instant; correct across the GMT/BST changes.
    /// </summary>
    public DateTimeOffset? NextSchoolDayMorning(DateTimeOffset after, TimeOnly localTime)
    {
        var day = LocalDate(after);
        for (var i = 0; i < SearchHorizonDays; i++, day = day.AddDays(1))
        {
            if (!IsSchoolDay(day))
            {
                continue;
            }

            var instant = ToInstant(day, localTime);
            if (instant > after)
            {
                return instant;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="now"/> is on a school day at or after the local morning time.</summary>
    public bool IsSchoolDayMorningReached(DateTimeOffset now, TimeOnly localTime)
    {
        var day = LocalDate(now);
        return IsSchoolDay(day) && now >= ToInstant(day, localTime);
    }

    public DateTimeOffset ToInstant(DateOnly day, TimeOnly localTime)
    {
        var local = day.ToDateTime(localTime, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // Inside the spring-forward gap: the wall clock skips this hour, so use the first valid minute after it.
            local = local.AddHours(1);
        }

        // For an ambiguous autumn time the earlier (summer-time) offset is the first occurrence.
        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
