using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Tests.Cards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("plain words stay plain", "plain words stay plain")]
    [InlineData("**bold** and _italic_", @"\*\*bold\*\* and \_italic\_")]
    [InlineData("[click](https://evil.example)", @"\[click\]\(https://evil.example\)")]
    [InlineData("~~gone~~ `code`", @"\~\~gone\~\~ \`code\`")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("a\\b", @"a\\b")]
    [InlineData("![img](x)", @"\!\[img\]\(x\)")]
    [InlineData("| a | b |", @"\| a \| b \|")]
    public void MarkdownIsEscaped(string input, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input));
    }

    [Fact]
    public void MentionTags_CannotBeInjected()
    {
        var escaped = CardText.Escape("<at>Head Teacher</at> please approve");

        Assert.DoesNotContain("<at>", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain("</at>", escaped, StringComparison.Ordinal);
        Assert.Equal("please approve", escaped[^"please approve".Length..]);
        Assert.Equal("<at>Head Teacher</at> please approve", Visible(escaped));
    }

    [Fact]
    public void DateFunctions_CannotBeInjected()
    {
        var escaped = CardText.Escape("{{DATE(2017-02-14T06:08:39Z, SHORT)}}");

        Assert.DoesNotContain("{{", escaped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- item", @"\- item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("line\n  12. twelfth", "line\n  12\\. twelfth")]
    [InlineData("a - b + c", "a - b + c")]
    [InlineData("costs 1.50 today", "costs 1.50 today")]
    [InlineData("Year 3. Next", "Year 3. Next")]
    public void ListMarkers_AreEscapedOnlyAtTheStartOfALine(string input, string expected)
    {
        Assert.Equal(expected, CardText.Escape(input));
    }

    [Fact]
    public void Newlines_AreKept_AndNormalised()
    {
        Assert.Equal("one\ntwo\nthree", CardText.Escape("one\r\ntwo\rthree"));
    }

    [Fact]
    public void NullAndEmpty_BecomeEmpty()
    {
        Assert.Equal(string.Empty, CardText.Escape(null));
        Assert.Equal(string.Empty, CardText.Escape(string.Empty));
    }

    [Fact]
    public void EscapedText_ReadsLikeTheOriginal_OnceEscapesAreRendered()
    {
        const string original = "Pupil's plan (draft) *v2* - see [notes]";

        Assert.Equal(original, Visible(CardText.Escape(original)));
    }

    /// <summary>What a CommonMark renderer shows: backslash escapes resolved, zero-width spaces invisible.</summary>
    private static string Visible(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, @"\\(.)", "$1").Replace("\u200B", string.Empty, StringComparison.Ordinal);
}
