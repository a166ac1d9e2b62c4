namespace SencoHub.Web.Platform.Web;

/// <summary>
/// The shared rules for text people type (docs/building-a-feature.md): trimmed, within its limit,
/// storable, and never holding a pupil identifier. Problems go in <c>errors</c> by field, so every
/// problem is reported at once and nothing is stored.
/// </summary>
public static class TypedText
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

    /// <summary>A value quoted back in an error message, cut short.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..40].Trim() + "…";

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
}
