using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Tests.Platform;

public sealed class PupilDataGuardTests
{
    [Theory]
    [InlineData("A123456789012")]
    [InlineData("z123456789012")]
    [InlineData("Pupil A123456789012 needs a review")]
    [InlineData("ref:K987654321098.")]
    [InlineData("xxB1234567890123")] // a longer run still contains a letter and 12 digits
    [InlineData("line one\nT000000000001")]
    public void TextWithALetterFollowedByTwelveDigits_ContainsAUpn(string text)
    {
        Assert.True(PupilDataGuard.ContainsUpn(text));
    }

    [Theory]
    [InlineData("A700000000037")]
    [InlineData("A\u200B700000000037")] // a zero-width space after the letter
    [InlineData("A70000\u200D0000037")] // a zero-width joiner among the digits
    [InlineData("A7000\u00AD00000037")] // a soft hyphen
    [InlineData("A\u0301700000000037")] // a combining accent on the letter
    [InlineData("\uFF21\uFF17\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF13\uFF17")] // full-width letter and digits
    [InlineData("A\uFF17\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF13\uFF17")] // full-width digits
    [InlineData("\u0410700000000037")] // Cyrillic capital A
    [InlineData("\u0430700000000037")] // Cyrillic small a
    [InlineData("\u0391700000000037")] // Greek capital alpha
    [InlineData("\u041A700000000037")] // Cyrillic capital Ka
    [InlineData("\U0001D400700000000037")] // mathematical bold A
    [InlineData("A\U0001D7D5\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7D1\U0001D7D5")] // mathematical bold digits
    [InlineData("A\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0663\u0667")] // Arabic-Indic digits
    [InlineData("A 7000 0000 0557")]
    [InlineData("A-700000000558")]
    [InlineData("A - 7000 - 0000 - 0559")]
    [InlineData("A\u00A07000\u00A00000\u00A00557")] // no-break spaces
    [InlineData("A\u20137000\u20130000\u20130557")] // en dashes
    [InlineData("A\t7000\n0000 0557")]
    [InlineData("Pupil: A 1234 5678 9012.")]
    public void LookAlikesAndSpacedOutIdentifiers_AreCaught(string text)
    {
        Assert.True(PupilDataGuard.ContainsUpn(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A12345678901")] // 11 digits
    [InlineData("A 1234 5678 901")]
    [InlineData("123456789012")] // no letter
    [InlineData("URN 139201, 42 pupils on SEN support")]
    [InlineData("Years 2024 2025 2026 2027 compared")] // a word, then years: no letter stands before the digits
    [InlineData("Call 0121 496 0000 or 0121 496 0001")]
    [InlineData("Room B 0121 496 0000")] // a letter and only 11 digits
    [InlineData("A\u2009.\u20097000 0000 0557")] // a full stop is not a separator
    [InlineData("\u0416700000000037")] // Cyrillic Zhe looks like no Latin letter
    [InlineData("Wellbeing 4/5, SEN support 42, EHC plans 7")]
    public void OtherText_DoesNotContainAUpn(string? text)
    {
        Assert.False(PupilDataGuard.ContainsUpn(text));
    }

    [Fact]
    public void BrokenText_WithALoneSurrogate_IsReadNotThrownOn()
    {
        // Built here: test-case names cannot carry a lone surrogate.
        Assert.True(PupilDataGuard.ContainsUpn("A" + '\uD800' + "700000000037"));
        Assert.False(PupilDataGuard.ContainsUpn("Nothing here " + '\uDC00'));
    }

    [Fact]
    public void Check_AddsAMessageThatDoesNotRepeatTheIdentifier()
    {
        var errors = new Dictionary<string, string[]>();

        PupilDataGuard.Check(errors, "concerns", "See A123456789012");
        PupilDataGuard.Check(errors, "wins", "Nothing to see");

        var message = Assert.Single(errors["concerns"]);
        Assert.Contains("unique pupil number", message, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789012", message, StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("wins"));
    }
}
