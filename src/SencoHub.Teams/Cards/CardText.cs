using System.Text;

namespace SencoHub.Teams.Cards;

/// <summary>Making text typed by people safe to show in a card.</summary>
public static class CardText
{
    /// <summary>
    /// Escapes Adaptive Card markdown (bold, italic, links, lists, headings), <c>&lt;at&gt;</c>
    /// mention tags and <c>{{DATE()}}</c> functions, so text from people renders literally: a
    /// backslash before markdown punctuation (CommonMark escapes), and an invisible zero-width
    /// space where a backslash alone would still leave a matchable <c>&lt;at&gt;</c> or <c>{{</c>.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '[' or ']' or '(' or ')' or '#' or '|' or '!':
                    result.Append('\\').Append(c);
                    break;
                case '<':
                    // Mentions are matched by the literal "<at>…</at>" text: break it up.
                    result.Append("\\<\u200B");
                    break;
                case '>':
                    result.Append("\\>");
                    break;
                case '{' when i + 1 < text.Length && text[i + 1] == '{':
                    result.Append("{\u200B");
                    break;
                case '-' or '+' when lineStart && i + 1 < text.Length && text[i + 1] == ' ':
                    result.Append('\\').Append(c);
                    break;
                case '.' when IsOrderedListMarker(text, i):
                    result.Append("\\.");
                    break;
                case '\r':
                    // Normalise CR and CRLF to LF.
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        result.Append('\n');
                        lineStart = true;
                        continue;
                    }

                    break;
                default:
                    result.Append(c);
                    break;
            }

            if (c == '\n')
            {
                lineStart = true;
            }
            else if (c != ' ' && c != '\t')
            {
                lineStart = false;
            }
        }

        return result.ToString();
    }

    // "12. item" at the start of a line renders as an ordered list.
    private static bool IsOrderedListMarker(string text, int dot)
    {
        if (dot + 1 < text.Length && text[dot + 1] != ' ')
        {
            return false;
        }

        var start = dot;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        if (start == dot)
        {
            return false;
        }

        var before = start - 1;
        while (before >= 0 && text[before] is ' ' or '\t')
        {
            before--;
        }

        return before < 0 || text[before] == '\n';
    }
}
