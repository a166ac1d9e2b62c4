using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The rules for text people type into actions (the shared rules of docs/building-a-feature.md):
/// trimmed, within its limit, storable, and never holding a pupil identifier. Problems go in
/// <c>errors</c> by field, so every problem is reported at once and nothing is stored.
/// </summary>
internal static class ActionText
{
    /// <summary>One line: runs of whitespace (newlines too) become one space.</summary>
    public static string Line(IDictionary<string, string[]> errors, string field, string? value, int maxLength, string? requiredMessage)
    {
        var text = string.Join(' ', (value ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Check(errors, field, text, maxLength, requiredMessage);
    }

    /// <summary>Several lines, with line endings made plain.</summary>
    public static string Text(IDictionary<string, string[]> errors, string field, string? value, int maxLength, string? requiredMessage)
    {
        var text = (value ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return Check(errors, field, text, maxLength, requiredMessage);
    }

    /// <summary>An evidence link: optional, absolute, https, with a host; null when none was given.</summary>
    public static string? EvidenceUrl(IDictionary<string, string[]> errors, string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > ActionLimits.EvidenceUrlLength)
        {
            errors[field] = [$"This link is {text.Length:N0} characters long; the limit is {ActionLimits.EvidenceUrlLength:N0}."];
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
            || text.Any(char.IsWhiteSpace) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors[field] = ["The evidence link must be a web address starting with https:// (for example a SharePoint or OneDrive link)."];
        }
        else
        {
            PupilDataGuard.Check(errors, field, text);
        }

        return text;
    }

    private static string Check(IDictionary<string, string[]> errors, string field, string text, int maxLength, string? requiredMessage)
    {
        if (text.Length == 0)
        {
            if (requiredMessage is not null)
            {
                errors[field] = [requiredMessage];
            }
        }
        else if (text.Length > maxLength)
        {
            errors[field] = [$"This is {text.Length:N0} characters long; the limit is {maxLength:N0}."];
        }
        else if (!IsStorable(text))
        {
            // PostgreSQL refuses NUL and unpaired surrogates; other control characters are never meant.
            errors[field] = ["This contains control characters or broken Unicode; remove them and try again."];
        }
        else
        {
            PupilDataGuard.Check(errors, field, text);
        }

        return text;
    }

    private static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not '\n' and not '\t'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..40].Trim() + "…";
}

/// <summary>Messages shared by the API, the tab and the cards.</summary>
public static class ActionRules
{
    public const string CannotUpdate =
        "Thanks for looking at this action. Only the school's headteacher or SENCO records progress on it, so nothing was recorded for you.";

    public const string OnlySendLead = "Only the trust's SEND lead sets and withdraws actions.";

    public static string NotTheOwner(ActionOwnerRole owner) =>
        $"Thanks for looking at this action. Only the school's {(owner == ActionOwnerRole.Senco ? "SENCO" : "headteacher")} acknowledges it, for their own school, so nothing was recorded for you.";
}
