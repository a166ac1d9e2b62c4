using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.CheckIns;

public sealed class SurveyTemplateTests
{
    [Fact]
    public void DefaultTemplate_IsValid_AndHasWhatTheTrustAsksEachHalfTerm()
    {
        var survey = SurveyDefinition.Check(DefaultTemplate.Create(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(["sen-support", "ehc-plans", "ehc-requests"], survey.Questions.Where(q => q.Type == QuestionType.Number).Select(q => q.Id));
        Assert.All(survey.Questions.Where(q => q.Type == QuestionType.Number), q => Assert.Equal((0, 5000, true), (q.Min!.Value, q.Max!.Value, q.Required)));
        var areas = survey.Questions.Where(q => q.Area is not null).ToList();
        Assert.Equal(Enum.GetValues<ReviewArea>(), areas.Select(q => q.Area!.Value));
        Assert.All(areas, q => Assert.Equal(4, q.Scale!.Count));
        Assert.All(areas, q => Assert.False(survey.Find(q.Id + "-comment")!.Required));
        Assert.Equal(["Educational psychologist", "Speech and language therapy", "Training", "SEND review", "Advice visit", "Other"],
            survey.Questions.Single(q => q.Purpose == QuestionPurpose.SupportWanted).Options!.Select(o => o.Label));
        Assert.Equal(QuestionType.Multiple, survey.Questions.Single(q => q.Purpose == QuestionPurpose.CpdNeeds).Type);
        Assert.Equal(QuestionType.Long, survey.Questions.Single(q => q.Purpose == QuestionPurpose.Concerns).Type);
        Assert.NotNull(survey.Find("wins"));
        var wellbeing = survey.Questions.Single(q => q.Purpose == QuestionPurpose.Wellbeing);
        Assert.Equal((QuestionType.Rating, 5, true), (wellbeing.Type, wellbeing.Scale!.Count, wellbeing.Required));
    }

    [Fact]
    public void Definitions_RoundTripThroughJson()
    {
        var survey = SurveyDefinition.Check(DefaultTemplate.Create(), out _);
        var json = survey.ToJson();

        Assert.Contains("\"type\":\"rating\"", json, StringComparison.Ordinal);
        Assert.Contains("\"area\":\"trackingAndMonitoring\"", json, StringComparison.Ordinal);
        Assert.Contains("\"purpose\":\"supportWanted\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isText", json, StringComparison.Ordinal);
        Assert.Equal(json, SurveyDefinition.FromJson(json).ToJson());
    }

    [Fact]
    public void Check_ListsEveryProblem_ByPath()
    {
        SurveyQuestion Q(string id, QuestionType type) => new() { Id = id, Type = type, Label = "Label" };
        var broken = new SurveyDefinition
        {
            Sections =
            [
                new SurveySection
                {
                    Id = "Bad Id", Title = "",
                    Questions =
                    [
                        Q("same", QuestionType.Number) with { Min = 10, Max = 5 },
                        Q("same", QuestionType.Number) with { Max = 5001 },
                        Q("rate", QuestionType.Rating) with { Scale = ["Only"], Area = ReviewArea.Leadership },
                        Q("rate-two", QuestionType.Rating) with { Scale = ["A", "B"], Area = ReviewArea.Leadership, Purpose = QuestionPurpose.Wellbeing },
                        Q("pick", QuestionType.Single) with { Options = [new("a,b", "Comma"), new("x", ""), new("x", "Again")] },
                        Q("none", QuestionType.Multiple),
                        Q("text", QuestionType.Long) with { Area = ReviewArea.Identification, Purpose = QuestionPurpose.SupportWanted, Label = new string('l', 201) },
                    ],
                },
            ],
        };

        SurveyDefinition.Check(broken, out var errors);

        Assert.Equal(
        [
            "sections[0].id", "sections[0].questions[0].max", "sections[0].questions[1].id", "sections[0].questions[1].max",
            "sections[0].questions[2].scale", "sections[0].questions[3].area", "sections[0].questions[3].purpose",
            "sections[0].questions[4].options[0].value", "sections[0].questions[4].options[1].label", "sections[0].questions[4].options[2].value",
            "sections[0].questions[5].options", "sections[0].questions[6].area", "sections[0].questions[6].label", "sections[0].questions[6].purpose", "sections[0].title",
        ], errors.Keys.Order(StringComparer.Ordinal));
        SurveyDefinition.Check(new SurveyDefinition(), out var empty);
        Assert.Equal(["sections"], empty.Keys);
    }

    [Fact]
    public void Check_RefusesAPupilIdentifier_InAnyLabel()
    {
        SurveyDefinition.Check(new SurveyDefinition
        {
            Sections =
            [
                new SurveySection
                {
                    Id = "s", Title = "About A123456789012", Help = "See B123456789012",
                    Questions =
                    [
                        new SurveyQuestion { Id = "t", Type = QuestionType.Short, Label = "C123456789012 progress", Help = "D123456789012" },
                        new SurveyQuestion { Id = "c", Type = QuestionType.Single, Label = "Pick", Options = [new("a", "E123456789012"), new("b", "Fine")] },
                    ],
                },
            ],
        }, out var errors);

        Assert.Equal(
            ["sections[0].help", "sections[0].questions[0].help", "sections[0].questions[0].label", "sections[0].questions[1].options[0].label", "sections[0].title"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Contains("pupil", messages.Single(), StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TrimsText_AndDropsSettingsThatDoNotApply()
    {
        var survey = SurveyDefinition.Check(new SurveyDefinition
        {
            Sections =
            [
                new SurveySection
                {
                    Id = "s", Title = "  Section  ", Help = "   ",
                    Questions = [new SurveyQuestion { Id = "t", Type = QuestionType.Short, Label = " Note ", Min = 3, Scale = ["x"], Options = [new("a", "A")] }],
                },
            ],
        }, out var errors);

        Assert.Empty(errors);
        var question = survey.Questions.Single();
        Assert.Equal(("Section", null, "Note"), (survey.Sections[0].Title, survey.Sections[0].Help, question.Label));
        Assert.Null(question.Min);
        Assert.Null(question.Scale);
        Assert.Null(question.Options);
    }

    [Fact]
    public void Edits_Move_Require_Remove_AndAdd()
    {
        var survey = SurveyDefinition.Check(DefaultTemplate.Create(), out _);

        var moved = TemplateEdits.Move(survey, "ehc-plans", up: true);
        Assert.Equal(["ehc-plans", "sen-support", "ehc-requests"], moved.Sections[0].Questions.Select(q => q.Id));
        Assert.Equal(moved.Sections[0].Questions.Select(q => q.Id), TemplateEdits.Move(moved, "ehc-plans", up: true).Sections[0].Questions.Select(q => q.Id));
        Assert.Equal(["sen-support", "ehc-requests", "ehc-plans"], TemplateEdits.Move(survey, "ehc-plans", up: false).Sections[0].Questions.Select(q => q.Id));

        Assert.False(TemplateEdits.SetRequired(survey, "sen-support", false).Find("sen-support")!.Required);
        var removed = TemplateEdits.Remove(TemplateEdits.Remove(survey, "wellbeing"), "wins");
        Assert.Null(removed.Find("wins"));
        Assert.DoesNotContain(removed.Sections, s => s.Id == "wellbeing");

        var added = TemplateEdits.Add(survey, "narrative", new SurveyQuestion { Type = QuestionType.Multiple, Label = "Wins!", Options = TemplateEdits.OptionsFromLines("Parents' evening\r\n\r\nParents’ evening\nÉté") });
        var question = added.Sections.Single(s => s.Id == "narrative").Questions[^1];
        Assert.Equal("wins-2", question.Id);
        Assert.Equal(["parents-evening", "parents-evening-2", "ete"], question.Options!.Select(o => o.Value));
        SurveyDefinition.Check(added, out var errors);
        Assert.Empty(errors);

        Assert.Equal(404, Assert.Throws<ProblemException>(() => TemplateEdits.Move(survey, "nope", up: true)).Status);
        Assert.Equal(400, Assert.Throws<ProblemException>(() => TemplateEdits.Add(survey, "nope", new SurveyQuestion { Label = "x" })).Status);
        Assert.Equal("question", TemplateEdits.UniqueSlug("!!!", "question", new HashSet<string>()));
        Assert.Equal("a-long-label-that-goes-on-and-on-a", TemplateEdits.UniqueSlug("A long label that goes on and on and on and on", "q", new HashSet<string>()));
    }
}
