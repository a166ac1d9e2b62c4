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
        CalendarApi.Map(api.MapGroup("/calendar"));
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
}
