using System.Text.RegularExpressions;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// Check-ins hold school-level information only (no special-category data under UK GDPR), so free
/// text that looks like a unique pupil number (a letter followed by 12 digits) is refused. Same rule
/// as the platform's pupil-data guard; kept here until the two are unified.
/// </summary>
internal static partial class PupilIdentifiers
{
    public const string Refusal =
        "This looks like a pupil identifier (a UPN: a letter followed by 12 digits). Check-ins hold school-level information only: remove it and send again.";

    public static bool LooksLikeOne(string? text) => text is not null && UpnPattern().IsMatch(text);

    [GeneratedRegex("[A-Za-z][0-9]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex UpnPattern();
}
