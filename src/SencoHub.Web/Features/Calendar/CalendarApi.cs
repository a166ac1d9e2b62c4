namespace SencoHub.Web.Features.Calendar;

/// <summary><c>/api/calendar</c>: the term dates as the app reads them.</summary>
public static class CalendarApi
{
    public static void Map(RouteGroupBuilder calendar)
    {
        calendar.MapGet("/half-terms", async (CalendarService terms, CancellationToken ct) =>
            TypedResults.Ok(await terms.ListHalfTermsAsync(ct)));
        calendar.MapGet("/today", async (CalendarService terms, TimeProvider clock, CancellationToken ct) =>
        {
            var loaded = await terms.LoadAsync(ct);
            var today = loaded.LocalDate(clock.GetUtcNow());
            return TypedResults.Ok(new CalendarToday(today, loaded.IsSchoolDay(today), loaded.HalfTermContaining(today),
                loaded.NextSchoolDayMorning(clock.GetUtcNow(), terms.MorningTime)));
        });
    }
}

public sealed record CalendarToday(DateOnly Date, bool IsSchoolDay, HalfTerm? HalfTerm, DateTimeOffset? NextSchoolDayMorning);
