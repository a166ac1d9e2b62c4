using System.Text.RegularExpressions;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// SencoHub holds no pupil-level data (PRODUCT.md): free text that looks like a unique pupil
/// number (a UPN: one letter followed by 12 digits, anywhere in the text) is refused, which keeps
/// the hub out of special-category data under UK GDPR. Every feature that stores free text asks here.
/// </summary>
public static partial class PupilDataGuard
{
    /// <summary>Safe to show: it never repeats the identifier back.</summary>
    public const string Message =
        "This text contains what looks like a pupil's unique pupil number (UPN: a letter followed by 12 digits). SencoHub does not hold pupil-level data, so remove it and describe the need without identifying the pupil.";

    public static bool ContainsUpn(string? text) => !string.IsNullOrEmpty(text) && Upn().IsMatch(text);

    /// <summary>Adds <see cref="Message"/> under <paramref name="field"/> when the text holds a UPN.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ContainsUpn(text))
        {
            errors[field] = [Message];
        }
    }

    // ASCII only: \d would also match other scripts' digits, which no UPN uses.
    [GeneratedRegex("[A-Za-z][0-9]{12}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Upn();
}
