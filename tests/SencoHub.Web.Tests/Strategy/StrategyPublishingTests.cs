using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyPublishingTests
{
    private static IReadOnlyList<DemoPerson> Headteachers => DemoTrust.With("Headteacher", null);

    private static IReadOnlyList<DemoPerson> Sencos => DemoTrust.With("Senco", null);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Publish_SendsEveryHeadteacherAndSencoTheirCard_AndPostsInTheNetworkChannel(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        await teams.InstallForAsync([.. Headteachers, .. Sencos]);
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, [.. Sencos]);
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var id = await CreateDraftAsync(lead, Body());

        var result = await PublishAsync(lead, id);

        Assert.Equal(Headteachers.Count, (int)result["headteachers"]!);
        Assert.Equal(Sencos.Count, (int)result["sencos"]!);
        Assert.True((bool)result["networkChannel"]!);
        // Queued in the publishing transaction: every card is in the outbox when the request returns.
        var queued = await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Topic == "strategy.published").ToListAsync());
        Assert.Equal(Headteachers.Count + Sencos.Count + 1, queued.Count);

        foreach (var head in Headteachers)
        {
            var card = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(head));
            Assert.Contains("Trust SEND strategy 2026-29", card.ToJsonString(), StringComparison.Ordinal);
            var acknowledge = Assert.Single(Actions(card), a => (string?)a["type"] == "Action.Execute");
            Assert.Equal("strategy.acknowledge", (string?)acknowledge["verb"]);
            Assert.Equal(id, (int)acknowledge["data"]!["versionId"]!);
            Assert.Contains(Actions(card), a => (string?)a["title"] == "Open the strategy" && ((string?)a["url"])!.EndsWith("/strategy", StringComparison.Ordinal));
        }

        foreach (var senco in Sencos)
        {
            var card = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(senco));
            Assert.DoesNotContain(Actions(card), a => (string?)a["type"] == "Action.Execute");
        }

        // The SENCO of two schools gets one card, not one per school.
        Assert.Single(teams.Connector.Messages(TeamsClient.PersonalChatOf(DemoTrust.SencoOfTwoSchools)), m => m.Json.ToJsonString().Contains("Trust SEND strategy 2026-29", StringComparison.Ordinal));
        var channelCard = await StrategyCardAsync(teams, TeamsClient.TeamId);
        Assert.Contains("Priorities by review area", channelCard.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Actions(channelCard), a => (string?)a["type"] == "Action.Execute");
        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>()
            .CountAsync(m => m.Topic == "strategy.published" && m.State == DeliveryState.Delivered)) == queued.Count, "every card delivered");
    }

    [Fact]
    public async Task Publish_WithoutANetworkChannel_StillReachesEveryonePersonally()
    {
        await using var teams = await TeamsApp.StartAsync();
        await teams.InstallForAsync([DemoTrust.HeadteacherOf("nb-oak")]);
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var result = await PublishAsync(lead, await CreateDraftAsync(lead, Body()));

        Assert.False((bool)result["networkChannel"]!);
        Assert.Equal(0, await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Target == DeliveryTarget.NetworkChannel)));
        await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(DemoTrust.HeadteacherOf("nb-oak")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishingTheNextVersion_TurnsTheOldCardsInto_Superseded_WithALinkToTheCurrentOne(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var head = DemoTrust.HeadteacherOf("nb-ash");
        var senco = DemoTrust.SencoOf("nb-riv");
        await teams.InstallForAsync([head, senco]);
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        await PublishNewVersionAsync(teams.App);
        await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(head));
        await StrategyCardAsync(teams, TeamsClient.TeamId);
        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>()
            .AllAsync(m => m.State == DeliveryState.Delivered || m.State == DeliveryState.Failed || m.State == DeliveryState.WaitingForInstall)),
            "version 1 delivered (or held for those who have not installed the app)");

        await PublishNewVersionAsync(teams.App, Body(title: "Trust SEND strategy, revised"));

        foreach (var conversation in new[] { TeamsClient.PersonalChatOf(head), TeamsClient.PersonalChatOf(senco), TeamsClient.TeamId })
        {
            await Eventually.TrueAsync(() => teams.Connector.Messages(conversation).Any(m => m.Json.ToJsonString().Contains("Version 1 has been superseded", StringComparison.Ordinal)),
                $"the old card in {conversation} updated");
            var updated = teams.Connector.Messages(conversation).Single(m => m.Json.ToJsonString().Contains("Version 1 has been superseded", StringComparison.Ordinal));
            Assert.Equal("PUT", updated.Method);
            Assert.Contains("The current strategy is version 2", updated.Json.ToJsonString(), StringComparison.Ordinal);
            await Eventually.TrueAsync(() => teams.Connector.Messages(conversation).Any(m => m.Json.ToJsonString().Contains("Trust SEND strategy, revised", StringComparison.Ordinal)
                && !m.Json.ToJsonString().Contains("superseded", StringComparison.Ordinal)), $"version 2 in {conversation}");
        }
    }

    internal static async Task<JsonObject> StrategyCardAsync(TeamsApp teams, string conversationId)
    {
        await Eventually.TrueAsync(() => teams.Connector.Messages(conversationId).Any(IsStrategyCard), $"the strategy card in {conversationId}");
        return Card(teams.Connector.Messages(conversationId).Last(IsStrategyCard).Json);
    }

    internal static JsonObject Card(JsonObject activity) => activity["attachments"]![0]!["content"]!.AsObject();

    internal static IEnumerable<JsonNode> Actions(JsonObject card) => card["actions"]?.AsArray().OfType<JsonNode>() ?? [];

    private static bool IsStrategyCard(ReceivedActivity message) => message.Json.ToJsonString().Contains("Priorities by review area", StringComparison.Ordinal);
}
