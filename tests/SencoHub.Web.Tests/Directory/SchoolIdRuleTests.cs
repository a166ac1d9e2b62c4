using SencoHub.Web.Features.Directory;

namespace SencoHub.Web.Tests.Directory;

public sealed class SchoolIdRuleTests
{
    [Theory]
    [InlineData("nb-oak")]
    [InlineData("rb_north")]
    [InlineData("9")]
    [InlineData("A123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void AStableIdOfLettersDigitsDashesAndUnderscores_IsASchoolId(string id) => Assert.True(SchoolIdRule.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-oak")]
    [InlineData("_oak")]
    [InlineData("nb oak")]
    [InlineData("nb-oak\n")]
    [InlineData("école")]
    [InlineData("A1234567890123456789012345678901234567890123456789012345678901234")] // 65
    public void AnythingElse_IsNot(string? id) => Assert.False(SchoolIdRule.IsValid(id));
}
