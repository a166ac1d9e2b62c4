using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Testing;
using SencoHub.Web.Features.CheckIns;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>Every card the check-in sends, checked by the official Adaptive Cards library and for size.</summary>
public sealed class CheckInCardTests
{
    private static readonly SurveyDefinition Survey = SurveyDefinition.Check(DefaultTemplate.Create(), out _);
    private static readonly CheckInCardContext Context = new(12, "Autumn 2 2026-27", new DateOnly(2026, 12, 11), "nb-oak", "Oakfield Primary & <Nursery>", Survey);

    public static Dictionary<string, AdaptiveCard> EveryCard()
    {
        var typical = CheckInForm.Read(Survey, JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["q_sen-support"] = "-4", ["q_ehc-plans"] = "7", ["q_leadership"] = "3", ["q_support"] = "training,other",
            ["q_concerns"] = "Pupil A123456789012 **again**", ["q_wins"] = "<b>Great</b> [term](https://x.example)",
        }));
        var full = CheckInForm.Read(Survey, JsonSerializer.SerializeToElement(Survey.Questions.ToDictionary(q => CheckInForm.InputId(q), q => q.Type switch
        {
            QuestionType.Number => "5000",
            QuestionType.Rating => "1",
            QuestionType.Multiple => string.Join(",", q.Options!.Select(o => o.Value)),
            _ => new string('a', SurveyDefinition.MaxTextLength),
        })));
        Assert.True(full.IsValid);
        var summary = new RoundSummary("Autumn 2 2026-27", 7, 8, 88,
            [new("Training", 5), new("Educational psychologist", 4), new("Other", 1)], [new("Identification", 4), new("Developing provision", 2)]);
        return new Dictionary<string, AdaptiveCard>
        {
            ["survey"] = CheckInCards.Survey(Context, new Dictionary<string, string>()),
            ["survey-returned-with-errors"] = CheckInCards.Survey(Context, typical.Entered, typical.Errors),
            ["survey-every-answer-at-its-longest"] = CheckInCards.Survey(Context, Survey.Questions.ToDictionary(q => q.Id, q => full.Answers.InputValue(q)!), note: "Sent by Aisha Khan, 23 Nov 2026, 09:00."),
            ["received"] = CheckInCards.Received(Context, full.Answers, "Aisha Khan", "23 Nov 2026, 09:00"),
            ["reminder"] = CheckInCards.Reminder(Context, closesToday: false),
            ["reminder-closing-day"] = CheckInCards.Reminder(Context, closesToday: true),
            ["summary"] = CheckInCards.Summary(summary, "https://sencohub.example/checkins?round=12"),
            ["summary-so-far"] = CheckInCards.Summary(summary, "https://sencohub.example/checkins?round=12", openUntil: new DateOnly(2026, 12, 11)),
            ["summary-nothing-asked"] = CheckInCards.Summary(summary with { TopSupport = [], LowestAreas = [] }, "https://sencohub.example/checkins?round=12"),
            ["status"] = CheckInCards.Status([new RoundStatus(12, "Autumn 2 2026-27", new DateOnly(2026, 12, 11), 3, 8)], "https://sencohub.example/checkins"),
            ["status-none-open"] = CheckInCards.Status([], "https://sencohub.example/checkins"),
        };
    }

    [SkippableFact]
    public async Task EveryCheckInCard_PassesTheOfficialRenderersValidation()
    {
        var validator = CardValidator.TryCreate(out var reason);
        if (validator is null)
        {
            Assert.False(CardValidator.ToolsRequired, reason);
            Skip.If(true, reason);
        }

        var cards = EveryCard();
        var result = await validator!.ValidateAsync(cards.ToDictionary(c => c.Key, c => (JsonNode)c.Value.ToJson()));

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains($"{cards.Count} card(s), 0 with problems", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCheckInCard_FitsUnder40KB_EvenWithEveryAnswerAtItsLongest()
    {
        var sizes = EveryCard().ToDictionary(c => c.Key, c => c.Value.GetSizeInBytes());

        Assert.All(sizes, s => Assert.True(s.Value < AdaptiveCard.RecommendedMaxBytes, $"{s.Key} is {s.Value:N0} bytes"));
    }

    [Fact]
    public void TheSurveyCard_HasALabelledInputPerQuestion_AndSubmitsWithExecute()
    {
        var card = CheckInCards.Survey(Context, new Dictionary<string, string>()).ToJson();
        var inputs = card["body"]!.AsArray().Where(e => ((string?)e!["type"])!.StartsWith("Input.", StringComparison.Ordinal)).ToList();

        Assert.Equal(Survey.Questions.Select(q => "q_" + q.Id), inputs.Select(i => (string)i!["id"]!));
        Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty((string?)i!["label"])));
        Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty((string?)i!["errorMessage"])));
        Assert.Equal(Survey.Questions.Count(q => q.Required), inputs.Count(i => (bool?)i!["isRequired"] == true));
        Assert.All(inputs.Where(i => (string?)i!["type"] == "Input.Text"), i => Assert.Equal(2000, (int)i!["maxLength"]!));
        Assert.All(inputs.Where(i => (string?)i!["type"] == "Input.Number"), i => Assert.Equal((0.0, 5000.0), ((double)i!["min"]!, (double)i["max"]!)));
        var submit = card["body"]!.AsArray().Last()!["actions"]![0]!;
        Assert.Equal(("Action.Execute", "checkins.submit", 12, "nb-oak"), ((string)submit["type"]!, (string)submit["verb"]!, (int)submit["data"]!["round"]!, (string)submit["data"]!["school"]!));
        Assert.Equal(("Action.Submit", "checkins.submit"), ((string)submit["fallback"]!["type"]!, (string)submit["fallback"]!["data"]!["verb"]!));
        // The school's name is shown escaped, as typed text.
        Assert.Equal("For **Oakfield Primary & \\<\u200BNursery\\>**", (string?)card["body"]![1]!["text"]);
    }
}
