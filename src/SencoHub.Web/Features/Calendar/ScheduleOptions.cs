using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Features.Calendar;

public sealed class ScheduleOptions
{
    public const string SectionName = "SencoHub:Schedule";

    /// <summary>Local time of day when reminders and nudges go out on school days.</summary>
    [Required]
    public TimeOnly MorningTime { get; set; } = new(8, 30);

    /// <summary>IANA time zone of the trust.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
