using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Delivery;

/// <summary>
/// Cards for people who have not installed the app yet wait for them (never "failed", never "delivered"),
/// and reach them once when they install or are first seen: only what is still relevant, each once.
/// </summary>
public sealed class LateInstallerTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CardsForSomeoneNotInstalled_AreHeld_ThenArriveOnceWhenTheyInstall(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var aisha = DemoTrust.SencoOf("nb-oak");
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        await OpenRoundAsync(teams.App);
        await PublishNewVersionAsync(teams.App);
        var current = await PublishNewVersionAsync(teams.App, Strategy.StrategyTestKit.Body(title: "Trust SEND strategy 2026-29, revised"));
        var action = await CreateAsync(teams.App, Actions.ActionsTestKit.Body(schools: Schools("nb-oak")));
        using (var senco = await teams.App.ClientForAsync(aisha.AadObjectId))
        {
            var update = await senco.PostAsJsonAsync($"/api/actions/{action}/schools/nb-oak/updates", new { status = "InProgress", note = "Started with Year 7." });
            Assert.Equal(System.Net.HttpStatusCode.Created, update.StatusCode);
        }

        // Nobody has installed the app: every card waits, none is failed or counted as delivered.
        // An update queued while its original was still on its way waits 5 s (the test's clock) to look again.
        await Eventually.TrueAsync(async () =>
        {
            teams.App.Clock.Advance(TimeSpan.FromSeconds(6));
            var states = await StatesAsync(teams.App, aisha, declan);
            return states.Count > 0 && states.All(s => s is DeliveryState.WaitingForInstall or DeliveryState.Superseded);
        }, "the cards to be held");
        var held = await HeldAsync(teams.App, aisha.AadObjectId);
        Assert.All(held, m => Assert.StartsWith("SencoHub cannot reach this person yet", m.FailureReason, StringComparison.Ordinal));
        Assert.Equal(0, await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.State == DeliveryState.Failed)));
        // The SEND lead sees it the same way: outstanding, and not reachable yet (not failed, not delivered).
        var board = await GetAsync(teams.App, DemoTrust.SendLead, $"/api/strategy/versions/{current}/acknowledgements");
        Assert.Equal((int)board["outstanding"]!, (int)board["cannotReachYet"]!);
        var declanRow = board["rows"]!.AsArray().Single(r => (string?)r!["headteacher"] == declan.Name)!;
        Assert.Equal("CannotReachYet", (string?)declanRow["card"]);

        await teams.Teams.InstallPersonalAsync(aisha);
        await teams.Teams.InstallPersonalAsync(declan);

        var aishaChat = TeamsClient.PersonalChatOf(aisha);
        var declanChat = TeamsClient.PersonalChatOf(declan);
        await Eventually.TrueAsync(() => Posted(teams, aishaChat, "SEND check-in for").Count == 1 && Posted(teams, aishaChat, "Trust SEND strategy").Count == 1
            && Posted(teams, declanChat, "SEND action").Count == 1 && Posted(teams, declanChat, "Trust SEND strategy").Count == 1, "the held cards to arrive");
        // Seen again (a message, a second install event): nothing is sent twice.
        await teams.Teams.MessageAsync(aisha, "help");
        await teams.Teams.InstallPersonalAsync(declan);
        await Eventually.TrueAsync(async () => (await StatesAsync(teams.App, aisha, declan)).All(s => s is DeliveryState.Delivered or DeliveryState.Superseded), "every outcome recorded");
        await Task.Delay(1500);

        Assert.Single(Posted(teams, aishaChat, "SEND check-in for"));
        // Only the current strategy version; the superseded one was never sent.
        Assert.Equal(["Trust SEND strategy, version 2"], Posted(teams, aishaChat, "Trust SEND strategy").Select(a => a.Activity.Summary));
        Assert.Equal(["Trust SEND strategy, version 2"], Posted(teams, declanChat, "Trust SEND strategy").Select(a => a.Activity.Summary));
        // The action card he gets shows the SENCO's update made while he could not be reached.
        var actionCard = Assert.Single(Posted(teams, declanChat, "SEND action"));
        Assert.Contains("Started with Year 7.", actionCard.Json.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Connector.Received(aishaChat), a => a.Method == "PUT");
        var after = await GetAsync(teams.App, DemoTrust.SendLead, $"/api/strategy/versions/{current}/acknowledgements");
        Assert.Equal("Delivered", (string?)after["rows"]!.AsArray().Single(r => (string?)r!["headteacher"] == declan.Name)!["card"]);
        Assert.True((int)after["cannotReachYet"]! < (int)board["cannotReachYet"]!);
    }

    [Fact]
    public async Task SomeoneFirstSeenInATeam_GetsTheHeldCardInANewPersonalChat()
    {
        await using var teams = await TeamsApp.StartAsync();
        var senco = DemoTrust.SencoOf("nb-riv");
        await OpenRoundAsync(teams.App);
        await Eventually.TrueAsync(async () => (await HeldAsync(teams.App, senco.AadObjectId)).Count == 1, "the check-in card to be held");

        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, senco);

        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>()
            .AnyAsync(m => m.TargetAadObjectId == senco.AadObjectId && m.Topic == "checkins.card" && m.State == DeliveryState.Delivered)), "the card to be delivered");
        var created = Assert.Single(teams.Connector.CreatedConversations, c => (string?)c["members"]![0]!["id"] == TeamsClient.UserIdOf(senco));
        Assert.NotNull(created);
    }

    [Fact]
    public async Task AReminderForSomeoneNotInstalled_IsNotHeld_TheCardItRemindsOfIs()
    {
        await using var teams = await TeamsApp.StartAsync();
        var senco = DemoTrust.SencoOf("nb-oak");
        var round = await OpenRoundAsync(teams.App);
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var reminded = await lead.PostAsync($"/api/checkins/rounds/{round}/nudge", null);
        Assert.True(reminded.IsSuccessStatusCode, $"remind answered {(int)reminded.StatusCode}");

        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>()
            .AnyAsync(m => m.TargetAadObjectId == senco.AadObjectId && m.Topic == "checkins.reminder" && m.State == DeliveryState.Superseded)), "the reminder to be dropped");
        await teams.Teams.InstallPersonalAsync(senco);

        var chat = TeamsClient.PersonalChatOf(senco);
        await Eventually.TrueAsync(() => Posted(teams, chat, "SEND check-in for").Count == 1, "the card");
        await Task.Delay(1000);
        Assert.Empty(Posted(teams, chat, "Reminder"));
    }

    private static List<ReceivedActivity> Posted(TeamsApp teams, string chat, string summary) =>
        [.. teams.Connector.Received(chat).Where(a => a.Method == "POST" && a.Activity.Summary?.StartsWith(summary, StringComparison.Ordinal) == true)];

    private static Task<List<OutboxMessage>> HeldAsync(SencoHubApp app, string aadObjectId) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.TargetAadObjectId == aadObjectId && m.State == DeliveryState.WaitingForInstall).ToListAsync());

    private static Task<List<DeliveryState>> StatesAsync(SencoHubApp app, params DemoPerson[] people)
    {
        var ids = people.Select(p => p.AadObjectId).ToList();
        return app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.TargetAadObjectId != null && ids.Contains(m.TargetAadObjectId)).Select(m => m.State).ToListAsync());
    }
}
