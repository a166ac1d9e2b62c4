using System.Text.Json.Nodes;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Cards;

/// <summary>Cards checked by the official adaptivecards library via tests/tools/validate-cards.js.</summary>
public sealed class CardValidationTests
{
    private static CardValidator RequireValidator()
    {
        var validator = CardValidator.TryCreate(out var reason);
        if (validator is null)
        {
            Assert.False(CardValidator.ToolsRequired, reason);
            Skip.If(true, reason);
        }

        return validator!;
    }

    [SkippableFact]
    public async Task SampleCard_WithEveryElementType_HasNoProblems()
    {
        var validator = RequireValidator();

        var result = await validator.ValidateAsync(new Dictionary<string, JsonNode>
        {
            ["every-element"] = SampleCards.EveryElement().ToJson(),
            ["as-attachment"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SampleCards.EveryElement().ToAttachment(), SencoHub.Teams.Activities.TeamsJson.Options))!,
            ["invoke-card"] = AdaptiveCardInvokeResponse.Card(new AdaptiveCard { Body = { new TextBlock("Thanks") } }).Value,
        });

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("3 card(s), 0 with problems", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Validator_ReportsBrokenCards()
    {
        var validator = RequireValidator();
        var broken = SampleCards.EveryElement().ToJson();
        broken["version"] = "1.6";
        broken["body"]![0]!["colour"] = "red";
        broken["actions"]!.AsArray().Add(new JsonObject { ["type"] = "Action.Execute", ["title"] = "No verb" });
        broken["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Text", ["id"] = "unlabelled", ["isRequired"] = true });
        broken["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["size"] = "huge" });

        var result = await validator.ValidateAsync(new Dictionary<string, JsonNode> { ["broken"] = broken });

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[version]", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"colour\" is not a property of TextBlock", result.Output, StringComparison.Ordinal);
        Assert.Contains("[verb]", result.Output, StringComparison.Ordinal);
        Assert.Contains("has no label", result.Output, StringComparison.Ordinal);
        Assert.Contains("huge", result.Output, StringComparison.Ordinal);
    }
}
