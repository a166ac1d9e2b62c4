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
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A12345678901")] // 11 digits
    [InlineData("123456789012")] // no letter
    [InlineData("A 123456789012")] // separated
    [InlineData("A1234-5678-9012")]
    [InlineData("URN 139201, 42 pupils on SEN support")]
    [InlineData("Ａ１２３４５６７８９０１２")] // full-width: not how UPNs are written
    [InlineData("A١٢٣٤٥٦٧٨٩٠١٢")] // Arabic-Indic digits are not ASCII digits
    public void OtherText_DoesNotContainAUpn(string? text)
    {
        Assert.False(PupilDataGuard.ContainsUpn(text));
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
