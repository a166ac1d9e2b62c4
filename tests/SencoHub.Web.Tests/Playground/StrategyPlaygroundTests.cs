using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Playground;

/// <summary>Publishing the strategy and a headteacher acknowledging it, with Microsoft's Teams simulator as the client.</summary>
public sealed class StrategyPlaygroundTests : IAsyncLifetime
{
    private static readonly DemoPerson Head = DemoTrust.HeadteacherOf("nb-oak");
    private SencoHubApp _app = null!;
    private SencoHub.Testing.Playground _playground = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp().OnKestrel().StartAsync();
        _playground = await SencoHub.Testing.Playground.StartAsync(new Uri(_app.ServerUri, "api/messages"), currentUser: Head);
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task PublishedStrategy_ReachesTheHeadteacher_WhoAcknowledgesFromTheCard()
    {
        await _playground.InstallAsync();
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, $"Welcome to SencoHub, {Head.Name}"), "the welcome card");

        var lead = await _app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var created = await lead.PostAsJsonAsync("/api/strategy/versions", new
        {
            title = "Trust SEND strategy 2026-29",
            vision = "Every pupil with SEND is known, included and makes strong progress.",
            priorities = new[]
            {
                new { title = "Identify needs early", description = "Shared screening in every school.", reviewArea = "Identification", successMeasures = "Screening in place by Easter.", owner = "SENCOs", timeframe = 3 },
            },
        });
        created.EnsureSuccessStatusCode();
        var versionId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await lead.PostAsync($"/api/strategy/versions/{versionId}/publish", null)).EnsureSuccessStatusCode();

        var card = await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "Trust SEND strategy 2026-29") && SencoHub.Testing.Playground.HasText(m, "strategy.acknowledge"), "the strategy card");
        var invoke = await _playground.ExecuteAsync(Head, SencoHub.Testing.Playground.MessageId(card), "strategy.acknowledge", new { versionId });

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)invoke["type"]);
        Assert.Contains($"Acknowledged by {Head.Name}", invoke.ToJsonString());
        var board = await lead.GetFromJsonAsync<JsonNode>($"/api/strategy/versions/{versionId}/acknowledgements");
        Assert.Contains(Head.Name, board!.ToJsonString());
    }
}
