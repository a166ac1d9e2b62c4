using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.CheckIns;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>The results arithmetic, without a database.</summary>
public sealed class CheckInResultsTests
{
    private static readonly CheckInTemplate Template = CheckInTemplate.Next(null, SurveyDefinition.Check(DefaultTemplate.Create(), out _), "test", DateTimeOffset.UnixEpoch);
    private static readonly string[] Schools = ["a", "b", "c", "d"];
    private static readonly Dictionary<string, string> Names = new() { ["a"] = "Alder", ["b"] = "Beech", ["c"] = "Cedar", ["d"] = "Damson" };
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 4, 3)]
    [InlineData(4, 4, 4)]
    [InlineData(1, 5, 1)]
    [InlineData(2, 5, 2)]
    [InlineData(3, 5, 3)]
    [InlineData(4, 5, 3)]
    [InlineData(5, 5, 4)]
    [InlineData(9, 5, 4)]
    public void Bands_SpreadAnyScaleOverFourColours(int point, int points, int band) =>
        Assert.Equal(band, CheckInResultsBuilder.Band(point, points));

    [Fact]
    public void Build_WorksOutRateHeatmapCountsTalliesAndText_ForTheReadableSchools()
    {
        var spring = Round(HalfTermName.Spring1, Response("a", 40, [2, 2, 2, 2, 2]), Response("b", 10, [1, 1, 1, 1, 1]));
        var summer = Round(HalfTermName.Summer1,
            Response("a", 42, [3, 2, 3, 4, 2], support: "training", concerns: "Staffing"),
            Response("c", 7, [4, 4, 4, 4, 4], support: "training,send-review"));
        var history = new[] { spring, summer };

        var all = CheckInResultsBuilder.Build(summer, history, Names, new Dictionary<string, IReadOnlyList<string>> { ["d"] = ["Dee"] }, readable: null, Today);

        Assert.Equal((2, 4, 50), (all.ResponseRate.Responded, all.ResponseRate.Expected, all.ResponseRate.Percent));
        Assert.Equal(["Alder", "Beech", "Cedar", "Damson"], all.Schools.Select(s => s.SchoolName));
        Assert.Equal(["Dee"], all.Schools.Single(s => s.SchoolId == "d").Sencos);
        Assert.Equal([3, 2, 3, 4, 2], all.Heatmap.Rows[0].Cells.Select(c => c!.Value));
        Assert.Equal(["Established", "Developing"], all.Heatmap.Rows[0].Cells.Take(2).Select(c => c!.Label));
        Assert.All(all.Heatmap.Rows[1].Cells, Assert.Null);
        Assert.Equal([3.5, 3.0, 3.5, 4.0, 3.0], all.Heatmap.Averages.Select(a => a!.Value));

        var senSupport = all.Counts.Single(c => c.QuestionId == "sen-support");
        Assert.Equal((49, 50, -1), (senSupport.Total, senSupport.PreviousTotal!.Value, senSupport.Change!.Value));
        Assert.Equal([(42, 40, 2), (null, 10, null), (7, null, null), (null, null, null)],
            senSupport.Rows.Select(r => (r.Value, r.Previous, r.Change)));

        var support = all.Tallies.Single(t => t.Purpose == QuestionPurpose.SupportWanted);
        Assert.Equal((2, "training", 2), (support.Answered, support.Options[0].Value, support.Options[0].Count));
        Assert.Equal(1, support.Options.Single(o => o.Value == "send-review").Count);
        Assert.Equal([new SchoolText("a", "Alder", "Staffing")], all.TextAnswers.Single(t => t.Purpose == QuestionPurpose.Concerns).Answers);
        Assert.Equal(4.0, all.Ratings.Single(r => r.Purpose == QuestionPurpose.Wellbeing).Average);

        Assert.Equal(["Spring 1 2026-27", "Summer 1 2026-27"], all.Trends.Rounds.Select(r => r.RoundName));
        Assert.Equal([1.5, 3.5], all.Trends.TrustAverage[0].Values);
        Assert.Equal([2.0, 3.0], all.Trends.Schools[0].Areas[0].Values);
        Assert.Equal([null, 4.0], all.Trends.Schools.Single(s => s.SchoolId == "c").Areas[0].Values);

        var own = CheckInResultsBuilder.Build(summer, history, Names, new Dictionary<string, IReadOnlyList<string>>(), readable: ["c"], Today);
        Assert.Equal(["c"], own.Schools.Select(s => s.SchoolId));
        Assert.Equal((7, (int?)null), (own.Counts[0].Total, own.Counts[0].PreviousTotal));
        Assert.Empty(own.TextAnswers.Single(t => t.Purpose == QuestionPurpose.Concerns).Answers);
        Assert.Single(own.Trends.Schools);
    }

    [Fact]
    public void Summary_HasTheRate_TheMostWantedSupport_AndTheAreasMostOftenRatedLowest()
    {
        var round = Round(HalfTermName.Autumn2,
            Response("a", 1, [3, 1, 3, 3, 3], support: "educational-psychologist,training"),
            Response("b", 1, [2, 1, 2, 2, 1], support: "training"),
            Response("c", 1, [3, 3, 3, 3, 3], support: "training,other,educational-psychologist"));

        var summary = CheckInResultsBuilder.Summarise(round);

        Assert.Equal(("Autumn 2 2026-27", 3, 4, 75), (summary.RoundName, summary.Responded, summary.Expected, summary.RatePercent));
        Assert.Equal([new LabelCount("Training", 3), new LabelCount("Educational psychologist", 2), new LabelCount("Other", 1)], summary.TopSupport);
        // Cedar rated every area the same, so it has no lowest area.
        Assert.Equal([new LabelCount("Identification", 2), new LabelCount("Developing provision", 1)], summary.LowestAreas);
        Assert.Empty(CheckInResultsBuilder.Summarise(Round(HalfTermName.Autumn2)).TopSupport);
    }

    [Fact]
    public void Counts_CompareOnlyWithAQuestionThatWasANumberBefore()
    {
        var changed = Template.Definition with
        {
            Sections = [.. Template.Definition.Sections.Select(s => s with
            {
                Questions = [.. s.Questions.Select(q => q.Id == "ehc-plans" ? new SurveyQuestion { Id = "ehc-plans", Type = QuestionType.Short, Label = "EHC plans (text)" } : q)],
            })],
        };
        var before = new RoundAnswers(CheckInRound.Open("2026-27", HalfTermName.Autumn1, Today, Template, Schools, null, DateTimeOffset.UnixEpoch, Today), changed,
            [SchoolAnswers.Of(CheckInResponse.Submit(0, "a", Answers(("ehc-plans", "3 or 4")), 1, "x", DateTimeOffset.UnixEpoch).Response)]);
        var now = Round(HalfTermName.Autumn2, Response("a", 5, [1, 1, 1, 1, 1]));

        var results = CheckInResultsBuilder.Build(now, [before, now], Names, new Dictionary<string, IReadOnlyList<string>>(), null, Today);

        Assert.Null(results.Counts.Single(c => c.QuestionId == "ehc-plans").PreviousTotal);
        Assert.Equal(0, results.Counts.Single(c => c.QuestionId == "sen-support").PreviousTotal);
    }

    private static RoundAnswers Round(HalfTermName halfTerm, params CheckInResponse[] responses) =>
        RoundAnswers.From(CheckInRound.Open("2026-27", halfTerm, Today, Template, Schools, null, DateTimeOffset.UnixEpoch, Today), responses);

    private static CheckInResponse Response(string school, int senSupport, int[] areas, string support = "", string concerns = "")
    {
        var answers = new CheckInAnswers();
        answers.SetNumber("sen-support", senSupport);
        foreach (var (id, point) in new[] { "leadership", "identification", "tracking", "teaching", "provision" }.Zip(areas))
        {
            answers.SetNumber(id, point);
        }

        answers.SetNumber("wellbeing", 4);
        answers.SetChoices("support", Template.Definition.Find("support")!.Options!.Select(o => o.Value).Where(support.Split(',').Contains));
        if (concerns.Length > 0)
        {
            answers.SetText("concerns", concerns);
        }

        return CheckInResponse.Submit(0, school, answers, 1, "Someone", DateTimeOffset.UnixEpoch).Response;
    }

    private static CheckInAnswers Answers(params (string Id, string Text)[] texts)
    {
        var answers = new CheckInAnswers();
        foreach (var (id, text) in texts)
        {
            answers.SetText(id, text);
        }

        return answers;
    }
}
