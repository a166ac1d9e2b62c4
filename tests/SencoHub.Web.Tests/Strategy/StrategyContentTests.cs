using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyContentTests
{
    private static PriorityRequest Priority(string title = "Early identification", string? area = "Identification", int? timeframe = 3, string? key = null) =>
        new(key, title, "Screen every new starter.", area, "All new starters screened within a half-term.", "SENCOs", timeframe);

    private static StrategyDraftRequest Request(params PriorityRequest?[] priorities) =>
        new("Trust SEND strategy 2026-29", "Every teacher is a teacher of SEND.", priorities);

    private static IDictionary<string, string[]> Refused(StrategyDraftRequest? request)
    {
        var refusal = Assert.Throws<ProblemException>(() => StrategyContent.From(request));
        Assert.Equal(400, refusal.Status);
        return refusal.Errors;
    }

    [Fact]
    public void AValidRequest_IsTrimmedAndNormalised()
    {
        var content = StrategyContent.From(new StrategyDraftRequest("  Trust  SEND\nstrategy ", "Line one\r\nLine two\r\n", [Priority(area: " trackingandmonitoring ")]));

        Assert.Equal("Trust SEND strategy", content.Title);
        Assert.Equal("Line one\nLine two", content.Vision);
        Assert.Equal(ReviewArea.TrackingAndMonitoring, Assert.Single(content.Priorities).ReviewArea);
    }

    [Fact]
    public void NoPriorities_AreRefused()
    {
        Assert.Contains("at least one priority", Refused(Request())["priorities"][0], StringComparison.Ordinal);
        Assert.Contains("at least one priority", Refused(new StrategyDraftRequest("T", "V", null))["priorities"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Inclusion")]
    [InlineData("2")]
    [InlineData("Leadership; DROP TABLE")]
    public void AnUnknownReviewArea_IsRefused_NamingTheFiveAreas(string area)
    {
        var message = Refused(Request(Priority(area: area)))["priorities[0].reviewArea"][0];

        Assert.Contains("is not a review area", message, StringComparison.Ordinal);
        Assert.Contains("Leadership, Identification, TrackingAndMonitoring, TeachingAndIntervention, DevelopingProvision", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AUpnAnywhere_IsRefused_ByField()
    {
        var errors = Refused(new StrategyDraftRequest("Strategy", "Pupil A123456789012 is the example", [
            Priority(),
            new PriorityRequest(null, "Reviews", "Done", "Leadership", "B987654321098 reviewed", "SENCO", 2),
        ]));

        Assert.Contains("unique pupil number", errors["vision"][0], StringComparison.Ordinal);
        Assert.Contains("unique pupil number", errors["priorities[1].successMeasures"][0], StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("priorities[0].title"));
    }

    [Fact]
    public void LengthLimits_AreEnforced()
    {
        var errors = Refused(new StrategyDraftRequest(new string('t', StrategyLimits.TitleLength + 1), new string('v', StrategyLimits.VisionLength + 1), [
            new PriorityRequest(null, new string('p', StrategyLimits.PriorityTitleLength + 1), new string('d', StrategyLimits.DescriptionLength + 1), "Leadership",
                new string('m', StrategyLimits.SuccessMeasuresLength + 1), new string('o', StrategyLimits.OwnerLength + 1), StrategyLimits.MaxTimeframe + 1),
        ]));

        Assert.Equal(
            ["priorities[0].description", "priorities[0].owner", "priorities[0].successMeasures", "priorities[0].timeframe", "priorities[0].title", "title", "vision"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TooManyPriorities_AreRefused()
    {
        var priorities = Enumerable.Range(1, StrategyLimits.MaxPriorities + 1).Select(i => Priority(title: $"Priority {i}")).ToArray();

        Assert.Contains($"at most {StrategyLimits.MaxPriorities}", Refused(Request(priorities))["priorities"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFields_AndDuplicates_AreEachReported()
    {
        var errors = Refused(new StrategyDraftRequest(" ", null, [
            null,
            new PriorityRequest(null, "", null, null, null, null, null),
            Priority(title: "Same"),
            Priority(title: "same"),
        ]));

        Assert.Contains("title", errors.Keys);
        Assert.Contains("vision", errors.Keys);
        Assert.Contains("priorities[0]", errors.Keys);
        Assert.Contains("priorities[1].title", errors.Keys);
        Assert.Contains("priorities[1].reviewArea", errors.Keys);
        Assert.Contains("priorities[1].timeframe", errors.Keys);
        Assert.Contains("already has this title", errors["priorities[3].title"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Title\0with NUL")]
    [InlineData("Bell\u0007")]
    public void UnstorableCharacters_AreRefused(string title)
    {
        Assert.Contains("control characters", Refused(new StrategyDraftRequest(title, "V", [Priority()]))["title"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnpairedSurrogate_IsRefused()
    {
        // Built here: test data attributes would replace it with U+FFFD on the way in.
        var broken = "Broken " + (char)0xD800 + " text";

        Assert.Contains("broken Unicode", Refused(new StrategyDraftRequest("T", broken, [Priority()]))["vision"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmoji_IsFine() => Assert.Equal("Strategy 🌱", StrategyContent.From(new StrategyDraftRequest("Strategy 🌱", "V", [Priority()])).Title);

    [Fact]
    public void Keys_AreKept_MatchedByTitle_OrNew()
    {
        var known = new[]
        {
            new PriorityContent("11111111-1111-1111-1111-111111111111", "Early identification", "", ReviewArea.Identification, "", "", 3),
            new PriorityContent("22222222-2222-2222-2222-222222222222", "Governance", "", ReviewArea.Leadership, "", "", 3),
        };
        var content = StrategyContent.From(Request(
            Priority(title: "Governance reworded", key: "22222222-2222-2222-2222-222222222222"),
            Priority(title: "EARLY IDENTIFICATION"),
            Priority(title: "Something new"))).WithKeys(known);

        Assert.Equal("22222222-2222-2222-2222-222222222222", content.Priorities[0].Key);
        Assert.Equal("11111111-1111-1111-1111-111111111111", content.Priorities[1].Key);
        Assert.True(Guid.TryParse(content.Priorities[2].Key, out var fresh));
        Assert.DoesNotContain(fresh.ToString(), known.Select(k => k.Key));
    }

    [Fact]
    public void AnUnknownKey_IsRefused()
    {
        var refusal = Assert.Throws<ProblemException>(() =>
            StrategyContent.From(Request(Priority(key: "33333333-3333-3333-3333-333333333333"))).WithKeys([]));

        Assert.Contains("priorities[0].key", refusal.Errors.Keys);
    }
}
