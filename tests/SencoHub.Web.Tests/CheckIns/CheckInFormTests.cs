using System.Text.Json;
using SencoHub.Web.Features.CheckIns;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>Server-side checks of a submitted card: nothing the client validated is trusted.</summary>
public sealed class CheckInFormTests
{
    private static readonly SurveyDefinition Survey = SurveyDefinition.Check(DefaultTemplate.Create(), out _) with { };

    private static readonly SurveyDefinition Custom = new()
    {
        Sections =
        [
            new SurveySection
            {
                Id = "s",
                Title = "S",
                Questions =
                [
                    new SurveyQuestion { Id = "count", Type = QuestionType.Number, Label = "Count", Required = true, Min = 1, Max = 10 },
                    new SurveyQuestion { Id = "phase", Type = QuestionType.Single, Label = "Phase", Options = [new("primary", "Primary"), new("secondary", "Secondary")] },
                    new SurveyQuestion { Id = "visit", Type = QuestionType.YesNo, Label = "Visit?", Required = true },
                    new SurveyQuestion { Id = "note", Type = QuestionType.Short, Label = "Note" },
                    new SurveyQuestion { Id = "story", Type = QuestionType.Long, Label = "Story" },
                ],
            },
        ],
    };

    [Fact]
    public void ACompleteAnswer_IsRead_WithTypesAndChoicesInSurveyOrder()
    {
        var form = Read(Survey, new()
        {
            ["q_sen-support"] = " 42 ", ["q_ehc-plans"] = 7, ["q_ehc-requests"] = "0", ["q_leadership"] = "4", ["q_identification"] = "1",
            ["q_tracking"] = "2", ["q_teaching"] = "3", ["q_provision"] = "03", ["q_wellbeing"] = "5",
            ["q_support"] = "training, educational-psychologist,training", ["q_cpd"] = new[] { "semh" }, ["q_wins"] = "  Good term.\r\nReally.  ",
        });

        Assert.True(form.IsValid, string.Join("; ", form.Errors));
        Assert.Equal(42, form.Answers.Number("sen-support"));
        Assert.Equal(7, form.Answers.Number("ehc-plans"));
        Assert.Equal(0, form.Answers.Number("ehc-requests"));
        Assert.Equal(3, form.Answers.Number("provision"));
        Assert.Equal(["educational-psychologist", "training"], form.Answers.Choices("support"));
        Assert.Equal(["semh"], form.Answers.Choices("cpd"));
        Assert.Equal("Good term.\nReally.", form.Answers.Text("wins"));
        Assert.False(form.Answers.Has("concerns"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("5001")]
    [InlineData("2.5")]
    [InlineData("1e3")]
    [InlineData("forty")]
    [InlineData("99999999999999999999999999999999999")]
    [InlineData("0x10")]
    public void NegativeAbsurdOrNonWholeCounts_AreRefused(string count)
    {
        var form = Read(Survey, Complete(("q_sen-support", count)));

        Assert.Equal("Enter a whole number from 0 to 5,000.", form.Errors["sen-support"]);
        Assert.Equal(count, form.Entered["sen-support"]);
        Assert.False(form.Answers.Has("sen-support"));
    }

    [Fact]
    public void NumberRanges_FollowTheQuestion_AndDecimalZeroIsWhole()
    {
        Assert.Equal("Enter a whole number from 1 to 10.", Read(Custom, new() { ["q_count"] = "0", ["q_visit"] = "no" }).Errors["count"]);
        Assert.Equal(10, Read(Custom, new() { ["q_count"] = "10.0", ["q_visit"] = "no" }).Answers.Number("count"));
    }

    [Fact]
    public void RequiredAnswers_AreRequired_ByType()
    {
        var form = Read(Custom, new() { ["q_count"] = "  ", ["q_phase"] = "" });

        Assert.Equal("Enter a number (0 if there are none).", form.Errors["count"]);
        Assert.Equal("Choose an answer.", form.Errors["visit"]);
        Assert.False(form.Errors.ContainsKey("phase"));
        Assert.Equal(2, form.Errors.Count);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    public void YesNo_AcceptsTheCardsValues(string value, bool expected) =>
        Assert.Equal(expected, Read(Custom, new() { ["q_count"] = "1", ["q_visit"] = value }).Answers.Flag("visit"));

    [Fact]
    public void ChoicesOffTheList_AndRatingsOffTheScale_AreRefused()
    {
        var form = Read(Custom, new() { ["q_count"] = "1", ["q_visit"] = "maybe", ["q_phase"] = "nursery" });
        Assert.Equal("Choose yes or no.", form.Errors["visit"]);
        Assert.Equal("Choose one of the options.", form.Errors["phase"]);

        foreach (var point in new[] { "0", "5", "-1", "1.5", "one" })
        {
            Assert.Equal("Choose one of the points on the scale.", Read(Survey, Complete(("q_leadership", point))).Errors["leadership"]);
        }

        Assert.Equal("Choose from the options listed.", Read(Survey, Complete(("q_support", "training,spa-day"))).Errors["support"]);
    }

    [Fact]
    public void Text_IsAtMost2000Characters_AndControlCharactersAreDropped()
    {
        Assert.True(Read(Survey, Complete(("q_wins", new string('a', 2000)))).IsValid);
        Assert.Equal("Keep this to 2,000 characters or fewer (it has 2,001).", Read(Survey, Complete(("q_wins", new string('a', 2001)))).Errors["wins"]);

        var clean = Read(Custom, new() { ["q_count"] = "1", ["q_visit"] = "no", ["q_note"] = "one\ntwo\u0000\u0007 three", ["q_story"] = "a\r\nb\rc\td" });
        Assert.Equal("one two three", clean.Answers.Text("note"));
        Assert.Equal("a\nb\nc\td", clean.Answers.Text("story"));
        Assert.Equal("x🙂y", CheckInForm.CleanText("x\uD800🙂y\uDC00", multiline: false));
    }

    [Theory]
    [InlineData("A123456789012")]
    [InlineData("UPN: k999999999999 joined us")]
    [InlineData("pupilA123456789012")]
    public void TextThatLooksLikeAPupilIdentifier_IsRefused(string text)
    {
        var form = Read(Survey, Complete(("q_concerns", text)));

        Assert.Contains("looks like a pupil's unique pupil number", form.Errors["concerns"], StringComparison.Ordinal);
        Assert.Equal(text, form.Entered["concerns"]);
        Assert.False(form.Answers.Has("concerns"));
    }

    [Theory]
    [InlineData("123456789012")]
    [InlineData("A12345678901")]
    [InlineData("Year 12 with 123 pupils in 2026")]
    public void OrdinaryNumbers_AreNotMistakenForIdentifiers(string text) =>
        Assert.True(Read(Survey, Complete(("q_concerns", text))).IsValid);

    [Fact]
    public void ScriptAndMarkdown_AreKeptAsText()
    {
        const string script = "<script>alert(1)</script> **x** [a](javascript:alert(1))";
        Assert.Equal(script, Read(Survey, Complete(("q_concerns", script))).Answers.Text("concerns"));
    }

    [Fact]
    public void UnknownInputs_AreIgnored_AndUnreadableShapesAreErrorsNotExceptions()
    {
        var form = Read(Survey, Complete(("q_unknown", "x"), ("round", "7")));
        Assert.True(form.IsValid);
        Assert.DoesNotContain("unknown", form.Answers.ToJson(), StringComparison.Ordinal);

        var odd = Read(Survey, Complete(("q_sen-support", new { a = 1 }), ("q_support", new object[] { "training", 3 }), ("q_wins", new[] { "a" })));
        Assert.Equal("This answer was not in a form SencoHub can read. Answer it again.", odd.Errors["sen-support"]);
        Assert.Equal("This answer was not in a form SencoHub can read. Answer it again.", odd.Errors["support"]);
        Assert.Equal("a", odd.Answers.Text("wins"));

        var required = Survey.Questions.Count(q => q.Required);
        Assert.Equal(9, required);
        Assert.Equal(required, CheckInForm.Read(Survey, null).Errors.Count);
        Assert.Equal(required, CheckInForm.Read(Survey, JsonDocument.Parse("\"text\"").RootElement).Errors.Count);
    }

    [Fact]
    public void Answers_RoundTripThroughJson_InAStableOrder()
    {
        var form = Read(Survey, Complete());
        var again = CheckInAnswers.Parse(form.Answers.ToJson());

        Assert.True(again.SameAs(form.Answers));
        Assert.Equal(form.Answers.ToJson(), again.ToJson());
        Assert.Equal("3 – Established", again.Describe(Survey.Find("leadership")!));
        Assert.Equal("Educational psychologist; Training", again.Describe(Survey.Find("support")!));
        Assert.Equal("42", again.InputValue(Survey.Find("sen-support")!));
        var numbers = CheckInAnswers.Parse(form.Answers.NumbersToJson());
        Assert.Equal(["ehc-plans", "ehc-requests", "identification", "leadership", "provision", "sen-support", "teaching", "tracking", "wellbeing"], numbers.QuestionIds);
        Assert.Equal(42, numbers.Number("sen-support"));
    }

    private static Dictionary<string, object?> Complete(params (string Key, object? Value)[] changes)
    {
        var data = new Dictionary<string, object?>
        {
            ["q_sen-support"] = "42", ["q_ehc-plans"] = "7", ["q_ehc-requests"] = "2", ["q_leadership"] = "3", ["q_identification"] = "2",
            ["q_tracking"] = "3", ["q_teaching"] = "4", ["q_provision"] = "2", ["q_wellbeing"] = "4", ["q_support"] = "educational-psychologist,training",
        };
        foreach (var (key, value) in changes)
        {
            data[key] = value;
        }

        return data;
    }

    private static CheckInForm Read(SurveyDefinition survey, Dictionary<string, object?> data) =>
        CheckInForm.Read(survey, JsonSerializer.SerializeToElement(data));
}
