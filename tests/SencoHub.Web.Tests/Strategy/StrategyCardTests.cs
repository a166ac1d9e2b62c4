using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using static SencoHub.Web.Tests.Strategy.StrategyPublishingTests;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

/// <summary>Every card the strategy sends, from a real flow with the longest text allowed, checked by the official renderer library.</summary>
public sealed class StrategyCardTests
{
    // Markdown, mention and template syntax people might type: all must arrive escaped.
    private const string Awkward = "*Bold?* _x_ [link](https://evil.example) <at>Priya</at> {{DATE(2026-11-23)}} # 1. - ";

    private static string Fill(string prefix, int length)
    {
        var text = new StringBuilder(prefix);
        while (text.Length < length)
        {
            text.Append(Awkward);
        }

        return text.ToString(0, length).TrimEnd();
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [SkippableFact]
    public async Task EveryStrategyCard_PassesValidation_AndStaysUnder40KB()
    {
        var validator = CardValidator.TryCreate(out var reason);
        if (validator is null)
        {
            Assert.False(CardValidator.ToolsRequired, reason);
            Skip.If(true, reason);
        }

        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var head = DemoTrust.HeadteacherOf("nb-oak");
        var senco = DemoTrust.SencoOf("nb-oak");
        await teams.InstallForAsync([head, senco]);
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        var areas = new[] { "Leadership", "Identification", "TrackingAndMonitoring", "TeachingAndIntervention", "DevelopingProvision" };
        var longest = Body(
            title: Fill("Strategy ", 150),
            vision: Fill("Vision ", 20_000),
            priorities: [.. Enumerable.Range(0, 20).Select(i => Priority(Fill($"{i:00} ", 150), areas[i % 5], 18, owner: Fill("Owner ", 150),
                description: Fill("Description ", 2_000), successMeasures: Fill("Measures ", 2_000)))]);
        var first = await PublishNewVersionAsync(teams.App, longest);

        var cards = new Dictionary<string, JsonNode>
        {
            ["published-headteacher"] = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(head)),
            ["published-senco"] = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(senco)),
            ["published-channel"] = await StrategyCardAsync(teams, TeamsClient.TeamId),
        };
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        await lead.PostAsync($"/api/strategy/versions/{first}/nudge", null);
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(m => m.Json.ToJsonString().Contains("Reminder", StringComparison.Ordinal)), "the reminder");
        cards["nudge"] = Card(teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Last(m => m.Json.ToJsonString().Contains("Reminder", StringComparison.Ordinal)).Json);
        cards["acknowledged-invoke"] = JsonNode.Parse((await teams.Teams.ExecuteAsync(head, "strategy.acknowledge", new { versionId = first })).CardText)!;
        await teams.Teams.MessageAsync(head, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(m => m.ReplyToId is not null), "the command's reply");
        cards["strategy-command-acknowledged"] = Card(teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Last(m => m.ReplyToId is not null).Json);

        await PublishNewVersionAsync(teams.App, longest);
        cards["superseded-invoke"] = JsonNode.Parse((await teams.Teams.ExecuteAsync(head, "strategy.acknowledge", new { versionId = first })).CardText)!;
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.TeamId).Any(m => m.Json.ToJsonString().Contains("has been superseded", StringComparison.Ordinal)), "the channel card superseded");
        cards["superseded-update"] = Card(teams.Connector.Messages(TeamsClient.TeamId).First(m => m.Json.ToJsonString().Contains("has been superseded", StringComparison.Ordinal)).Json);

        var result = await validator!.ValidateAsync(cards);

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains($"{cards.Count} card(s), 0 with problems", result.Output, StringComparison.Ordinal);
        foreach (var (name, card) in cards)
        {
            Assert.True(CardSize.Utf8Bytes(card) < AdaptiveCard.RecommendedMaxBytes, $"{name} is {CardSize.Utf8Bytes(card)} bytes");
            foreach (var text in Strings(card))
            {
                Assert.DoesNotContain("<at>", text, StringComparison.Ordinal); // no accidental mention
                Assert.DoesNotContain("{{DATE", text, StringComparison.Ordinal); // no template function
                Assert.DoesNotContain("[link](https://evil.example)", text, StringComparison.Ordinal); // no live link
            }
        }
    }
}
