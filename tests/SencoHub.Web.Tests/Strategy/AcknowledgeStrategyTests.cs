using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Activities;
using SencoHub.Testing;
using SencoHub.Web.Features.Strategy;
using static SencoHub.Web.Tests.Strategy.StrategyPublishingTests;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

public sealed class AcknowledgeStrategyTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Acknowledge_AnswersWithTheUpdatedCard_AndRecordsOnce_WhateverThePresses(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        var fiona = DemoTrust.HeadteacherOf("nb-ash");
        await teams.InstallForAsync([declan, fiona]);
        var id = await PublishNewVersionAsync(teams.App);
        var delivered = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(declan));
        var cardMessage = teams.Connector.Messages(TeamsClient.PersonalChatOf(declan)).Last(m => m.Json.ToJsonString().Contains("Acknowledge", StringComparison.Ordinal));

        var first = await teams.Teams.ExecuteAsync(declan, "strategy.acknowledge", new { versionId = id }, replyToId: cardMessage.Id);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(200, (int)first.Body!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", first.Type);
        Assert.Contains($"Acknowledged by {declan.Name}, 23 Nov 2026", first.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", first.CardText, StringComparison.Ordinal);
        Assert.Contains("Trust SEND strategy 2026-29", first.CardText, StringComparison.Ordinal);

        // A later double press, a retry of the very same activity, and five presses at once.
        teams.App.Clock.Advance(TimeSpan.FromDays(1));
        var again = await teams.Teams.ExecuteAsync(declan, "strategy.acknowledge", new { versionId = id });
        var retried = new Activity
        {
            Id = "retried-invoke", Type = ActivityTypes.Invoke, Name = InvokeNames.AdaptiveCardAction, From = TeamsClient.From(declan),
            Conversation = new ConversationAccount { Id = TeamsClient.PersonalChatOf(declan), ConversationType = "personal", TenantId = TeamsClient.TenantId },
            Value = System.Text.Json.JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "strategy.acknowledge", data = new { versionId = id } }, trigger = "manual" }),
        };
        await teams.Teams.SendAsync(retried);
        await teams.Teams.SendAsync(retried);
        var races = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => teams.Teams.ExecuteAsync(fiona, "strategy.acknowledge", new { versionId = id })));

        Assert.Contains($"Acknowledged by {declan.Name}, 23 Nov 2026", again.CardText, StringComparison.Ordinal); // the first date stands
        Assert.All(races, r => Assert.Contains($"Acknowledged by {fiona.Name}", r.CardText, StringComparison.Ordinal));
        var records = await teams.App.WithDbAsync(db => db.Set<StrategyAcknowledgement>().Where(a => a.VersionId == id).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Equal(["nb-ash", "nb-oak"], records.Select(r => r.SchoolId).Order());

        // The board shows it; the rest are outstanding.
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var board = (await lead.GetFromJsonAsync<JsonObject>($"/api/strategy/versions/{id}/acknowledgements"))!;
        Assert.Equal(2, (int)board["acknowledged"]!);
        Assert.Equal(DemoTrust.With("Headteacher", null).Count - 2, (int)board["outstanding"]!);
        var oak = board["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-oak")!;
        Assert.Equal(declan.Name, (string?)oak["headteacher"]);
        Assert.NotNull(oak["acknowledgedAt"]);
        Assert.False((bool)oak["outstanding"]!);
        Assert.True((bool)board["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-riv")!["outstanding"]!);

        // The card Declan already had is updated too (for his other devices and the chat history).
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(declan))
            .Any(m => m.Id == cardMessage.Id && m.Json.ToJsonString().Contains($"Acknowledged by {declan.Name}", StringComparison.Ordinal)), "the delivered card updated");
        Assert.NotNull(delivered);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SomeoneWhoIsNotAHeadteacher_IsRefusedPolitely_AndNothingIsRecorded(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var id = await PublishNewVersionAsync(teams.App);

        foreach (var person in new[] { DemoTrust.SencoOf("nb-oak"), DemoTrust.StaffOf("nb-oak"), DemoTrust.SendLead, DemoTrust.Trustee })
        {
            var response = await teams.Teams.ExecuteAsync(person, "strategy.acknowledge", new { versionId = id });
            Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
            Assert.Contains("Only headteachers acknowledge it", (string?)response.Body!["value"], StringComparison.Ordinal);
        }

        var stranger = await teams.Teams.ExecuteAsync(new DemoPerson("not-in-directory", "Sam Stranger", []), "strategy.acknowledge", new { versionId = id });
        Assert.Contains("has not added you", (string?)stranger.Body!["value"], StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<StrategyAcknowledgement>(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PressingAcknowledge_OnASupersededVersion_SaysSo_AndLinksToTheCurrentOne(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var first = await PublishNewVersionAsync(teams.App);
        var second = await PublishNewVersionAsync(teams.App, Body(title: "Revised strategy"));

        var response = await teams.Teams.ExecuteAsync(DemoTrust.HeadteacherOf("nb-oak"), "strategy.acknowledge", new { versionId = first });

        Assert.Equal("application/vnd.microsoft.card.adaptive", response.Type);
        Assert.Contains("Version 1 has been superseded", response.CardText, StringComparison.Ordinal);
        Assert.Contains("The current strategy is version 2", response.CardText, StringComparison.Ordinal);
        Assert.Contains("Open version 2", response.CardText, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<StrategyAcknowledgement>(teams.App));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("{ \"versionId\": \"abc\" }")]
    [InlineData("{ }")]
    [InlineData("{ \"versionId\": 99999 }")]
    public async Task AStrangeOrStaleCard_GetsAPoliteMessage(string data)
    {
        await using var teams = await TeamsApp.StartAsync();
        await PublishNewVersionAsync(teams.App);

        var response = await teams.Teams.ExecuteAsync(DemoTrust.HeadteacherOf("nb-oak"), "strategy.acknowledge", JsonNode.Parse(data));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
        Assert.Equal(0, await CountAsync<StrategyAcknowledgement>(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StrategyCommand_ReturnsTheCurrentStrategyCard_ForWhoIsAsking(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var head = DemoTrust.HeadteacherOf("nb-hil");
        var senco = DemoTrust.SencoOf("nb-hil");
        await teams.Teams.MessageAsync(head, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(), "a reply");
        Assert.Contains("has not published its SEND strategy", teams.Connector.Messages(TeamsClient.PersonalChatOf(head))[0].Json.ToJsonString(), StringComparison.Ordinal);

        var id = await PublishNewVersionAsync(teams.App);
        await teams.Teams.MessageAsync(head, "Strategy");
        var headCard = await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(head));
        Assert.Contains(StrategyPublishingTests.Actions(headCard), a => (string?)a["verb"] == "strategy.acknowledge");

        await teams.Teams.ExecuteAsync(head, "strategy.acknowledge", new { versionId = id });
        await teams.Teams.MessageAsync(head, "strategy");
        // Replies to the command carry replyToId; the proactive card published earlier does not.
        var replies = teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Where(m => m.ReplyToId is not null).ToList();
        Assert.Equal(3, replies.Count);
        var acknowledged = Card(replies[^1].Json);
        Assert.Contains($"Acknowledged by {head.Name}", acknowledged.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StrategyPublishingTests.Actions(acknowledged), a => (string?)a["verb"] == "strategy.acknowledge");

        await teams.Teams.MessageAsync(senco, "strategy");
        Assert.DoesNotContain(StrategyPublishingTests.Actions(await StrategyCardAsync(teams, TeamsClient.PersonalChatOf(senco))), a => (string?)a["type"] == "Action.Execute");

        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        await teams.Teams.ChannelMessageAsync(senco, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Requests.Any(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true
            && r.Body?.Contains("Priorities by review area", StringComparison.Ordinal) == true), "the channel summary in the thread");
    }

    [Fact]
    public async Task AcknowledgingADraft_IsAnsweredAsIfThereWereNoSuchVersion()
    {
        // The API and pages hide drafts from everyone but the SEND lead; the card must not give one away.
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var draft = await CreateDraftAsync(lead, Body(title: "Not yet published"));
        var head = DemoTrust.HeadteacherOf("nb-oak");

        var pressOnDraft = await teams.Teams.ExecuteAsync(head, "strategy.acknowledge", new { versionId = draft.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var pressOnNothing = await teams.Teams.ExecuteAsync(head, "strategy.acknowledge", new { versionId = "424242" });

        Assert.Equal(pressOnNothing.Body!.ToJsonString(), pressOnDraft.Body!.ToJsonString());
        Assert.DoesNotContain("draft", pressOnDraft.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountAsync<StrategyAcknowledgement>(teams.App));
    }
}
