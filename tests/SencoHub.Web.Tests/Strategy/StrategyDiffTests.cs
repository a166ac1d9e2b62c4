using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyDiffTests
{
    private static PriorityContent Priority(string key, string title, ReviewArea area = ReviewArea.Leadership, int timeframe = 3, string owner = "SEND lead") =>
        new(key, title, "What we will do.", area, "How we will know.", owner, timeframe);

    [Fact]
    public void Priorities_AreMatchedByKey_IntoAddedRemovedAndChanged()
    {
        var before = new[] { Priority("k1", "Early identification", ReviewArea.Identification), Priority("k2", "SEND governance"), Priority("k3", "Teaching assistants") };
        var after = new[]
        {
            Priority("k1", "Early identification of need", ReviewArea.Identification, timeframe: 6), // reworded and longer
            Priority("k2", "SEND governance"), // unchanged
            Priority("k4", "Adaptive teaching CPD", ReviewArea.TeachingAndIntervention),
        };

        var changes = StrategyDiff.Compare(1, "Strategy", "Vision", before, "Strategy", "Vision", after);

        Assert.Equal(1, changes.PreviousNumber);
        Assert.Equal("Adaptive teaching CPD", Assert.Single(changes.Added).Title);
        Assert.Equal("Teaching assistants", Assert.Single(changes.Removed).Title);
        var changed = Assert.Single(changes.Changed);
        Assert.Equal("Early identification", changed.Before.Title);
        Assert.Equal(["title", "timeframe"], changed.Fields);
        Assert.False(changes.TitleChanged);
        Assert.False(changes.VisionChanged);
        Assert.True(changes.Any);
    }

    [Fact]
    public void TheSameStrategy_HasNoChanges()
    {
        var priorities = new[] { Priority("k1", "One"), Priority("k2", "Two", ReviewArea.DevelopingProvision) };

        var changes = StrategyDiff.Compare(3, "T", "V", priorities, "T", "V", priorities);

        Assert.False(changes.Any);
    }

    [Fact]
    public void EveryField_IsNamedWhenItChanges()
    {
        var before = Priority("k", "Title");
        var after = new PriorityContent("k", "Title 2", "Other", ReviewArea.DevelopingProvision, "Other measures", "Headteachers", 4);

        var changes = StrategyDiff.Compare(1, "T", "V", [before], "T2", "V2", [after]);

        Assert.Equal(["title", "description", "review area", "success measures", "owner", "timeframe"], Assert.Single(changes.Changed).Fields);
        Assert.True(changes.TitleChanged);
        Assert.True(changes.VisionChanged);
    }
}
