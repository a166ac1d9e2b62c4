using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// SencoHub holds no pupil-level data (PRODUCT.md): free text that looks like a unique pupil
/// number (a UPN: one letter followed by 12 digits, anywhere in the text) is refused, which keeps
/// the hub out of special-category data under UK GDPR. Every feature that stores free text asks here,
/// and the database refuses to save a free-text column that holds one (Platform/Data/PupilDataWriteBarrier.cs).
/// The text is first made plain (<see cref="Plain"/>), so look-alikes and spaced-out numbers are caught too.
/// </summary>
public static partial class PupilDataGuard
{
    /// <summary>Safe to show: it never repeats the identifier back.</summary>
    public const string Message =
        "This text contains what looks like a pupil's unique pupil number (UPN: a letter followed by 12 digits). SencoHub does not hold pupil-level data, so remove it and describe the need without identifying the pupil.";

    // Cyrillic and Greek letters drawn like Latin ones: "А700000000037" with a Cyrillic А is still a UPN.
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['І'] = 'I', ['Ј'] = 'J', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H',
        ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Ѕ'] = 'S', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['Ү'] = 'Y', ['Һ'] = 'H',
        ['Ԁ'] = 'D', ['Ԛ'] = 'Q', ['Ԝ'] = 'W', ['Ӏ'] = 'I',
        ['а'] = 'a', ['е'] = 'e', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm',
        ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['ѕ'] = 's', ['т'] = 't', ['у'] = 'y', ['х'] = 'x',
        ['ү'] = 'y', ['һ'] = 'h', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ӏ'] = 'l',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['Ϲ'] = 'C', ['Ϳ'] = 'J',
        ['α'] = 'a', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['ϲ'] = 'c', ['ϳ'] = 'j',
    }.ToFrozenDictionary();

    public static bool ContainsUpn(string? text) => !string.IsNullOrEmpty(text) && Upn().IsMatch(Plain(text));

    /// <summary>Adds <see cref="Message"/> under <paramref name="field"/> when the text holds a UPN.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ContainsUpn(text))
        {
            errors[field] = [Message];
        }
    }

    /// <summary>
    /// The text as a UPN check reads it: compatibility forms made plain (NFKD: full-width and
    /// mathematical letters and digits, accents split off), invisible format characters (zero-width
    /// space and joiner, soft hyphen) and combining marks dropped, every script's digits as ASCII,
    /// Cyrillic and Greek look-alikes as Latin, any space as ' ' and any dash as '-'.
    /// </summary>
    internal static string Plain(string text)
    {
        var decomposed = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    break;
                case UnicodeCategory.DecimalDigitNumber:
                    plain.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
                    break;
                case UnicodeCategory.DashPunctuation:
                case UnicodeCategory.MathSymbol when rune.Value == '\u2212':
                    plain.Append('-');
                    break;
                default:
                    if (Rune.IsWhiteSpace(rune))
                    {
                        plain.Append(' ');
                    }
                    else if (rune.IsBmp && LookAlikes.TryGetValue((char)rune.Value, out var latin))
                    {
                        plain.Append(latin);
                    }
                    else if (rune.IsBmp)
                    {
                        plain.Append((char)rune.Value);
                    }
                    else
                    {
                        plain.Append(char.ConvertFromUtf32(rune.Value));
                    }

                    break;
            }
        }

        return plain.ToString();
    }

    /// <summary>Normalising refuses broken UTF-16; a lone surrogate hides nothing, so it is dropped like a format character.</summary>
    private static string WithoutLoneSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var whole = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                whole.Append(text, i++, 2);
            }
            else if (!char.IsSurrogate(text[i]))
            {
                whole.Append(text[i]);
            }
        }

        return whole.ToString();
    }

    // A letter then 12 digits anywhere; or, when the letter starts a word, with a few spaces or hyphens
    // before and between the digits ("A 7000 0000 0557", "A-700000000558"). A word before the digits
    // ("Years 2024 2025 2026") is not a UPN. ASCII only: Plain has already made every digit ASCII.
    [GeneratedRegex("[A-Za-z][0-9]{12}|(?<![A-Za-z])[A-Za-z](?:[ -]{0,3}[0-9]){12}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Upn();
}
