using System.Globalization;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// Dates as people in English schools write them: "22 Nov 2026". Invariant month names, because
/// newer ICU data abbreviates September as "Sept" for en-GB.
/// </summary>
public static class UkDates
{
    public static string Format(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string FormatWithTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string LongFormat(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
