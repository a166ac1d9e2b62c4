using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Calendar;

public static class CalendarFeature
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TryResolve(o.TimeZone), "SencoHub:Schedule:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddScoped<CalendarService>();
        services.AddScoped<ImportTermDates>();
        return services;
    }

    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        api.MapGet("/calendar/half-terms", async (CalendarService calendar, CancellationToken ct) =>
            TypedResults.Ok(await calendar.ListHalfTermsAsync(ct)));
        api.MapGet("/calendar/today", async (CalendarService calendar, TimeProvider clock, CancellationToken ct) =>
        {
            var terms = await calendar.LoadAsync(ct);
            var today = terms.LocalDate(clock.GetUtcNow());
            return TypedResults.Ok(new CalendarToday(today, terms.IsSchoolDay(today), terms.HalfTermContaining(today),
                terms.NextSchoolDayMorning(clock.GetUtcNow(), calendar.MorningTime)));
        });
        return api;
    }

    private static bool TryResolve(string timeZone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }

    public sealed record CalendarToday(DateOnly Date, bool IsSchoolDay, HalfTerm? HalfTerm, DateTimeOffset? NextSchoolDayMorning);
}
