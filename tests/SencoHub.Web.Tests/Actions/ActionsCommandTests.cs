using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class ActionsCommandTests
{
    private static async Task<ReceivedActivity> ReplyAsync(TeamsApp teams, DemoPerson person, int replies)
    {
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(person)).Count(m => m.ReplyToId is not null) >= replies, "the reply");
        return teams.Connector.Messages(TeamsClient.PersonalChatOf(person)).Last(m => m.ReplyToId is not null);
    }

    /// <summary>The card's text as people read it (the JSON itself escapes apostrophes).</summary>
    private static string Texts(JsonNode card) => card switch
    {
        JsonObject obj => string.Join("\n", obj.Select(p => Texts(p.Value!))),
        JsonArray array => string.Join("\n", array.Select(n => Texts(n!))),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    private static IReadOnlyList<JsonObject> Cards(ReceivedActivity reply) => [.. reply.Json["attachments"]?.AsArray().Select(a => a!["content"]!.AsObject()) ?? []];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Actions_ListsTheOpenActions_MostUrgentFirst_EachWithItsButtons(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var head = DemoTrust.HeadteacherOf("nb-oak");
        var later = await CreateAsync(teams.App, Body(title: "Due in March", dueOn: "2027-03-19", priority: "High"));
        var soonLow = await CreateAsync(teams.App, Body(title: "Due in January, low", dueOn: "2027-01-15", priority: "Low"));
        var soonHigh = await CreateAsync(teams.App, Body(title: "Due in January, high", dueOn: "2027-01-15", priority: "High"));
        var overdue = await CreateAsync(teams.App, Body(title: "Due this week", dueOn: "2026-11-24", priority: "Low"));
        var done = await CreateAsync(teams.App, Body(title: "Done already"));
        var withdrawn = await CreateAsync(teams.App, Body(title: "Withdrawn"));
        await CreateAsync(teams.App, Body(title: "Another school's", schools: Schools("nb-hil")));
        using (var client = await teams.App.ClientForAsync(head.AadObjectId))
        {
            (await client.PostAsJsonAsync($"/api/actions/{done}/schools/nb-oak/updates", new { status = "Done", note = "Finished." })).EnsureSuccessStatusCode();
        }

        using (var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId))
        {
            (await lead.PostAsync($"/api/actions/{withdrawn}/withdraw", null)).EnsureSuccessStatusCode();
        }

        await AcknowledgeAsync(teams, head, later, "nb-oak");
        teams.App.Clock.SetUtcNow(London(2026, 11, 26, 10));

        await teams.Teams.MessageAsync(head, "actions");

        var reply = await ReplyAsync(teams, head, 1);
        Assert.Equal("Your 4 open actions, most urgent first:", (string?)reply.Json["text"]);
        var cards = Cards(reply);
        Assert.Equal([overdue, soonHigh, soonLow, later], cards.Select(c => (int)AllActions(c).First(a => (string?)a["verb"] == ActionCards.UpdateVerb)["data"]!["actionId"]!));
        Assert.Contains("Overdue: this was due on 24 Nov 2026", cards[0].ToJsonString(), StringComparison.Ordinal);
        Assert.All(cards.Take(3), c => Assert.Contains(AllActions(c), a => (string?)a["verb"] == ActionCards.AcknowledgeVerb));
        Assert.DoesNotContain(AllActions(cards[3]), a => (string?)a["verb"] == ActionCards.AcknowledgeVerb); // acknowledged already
        Assert.All(cards, c => Assert.Equal("nb-oak", (string?)AllActions(c).First(a => (string?)a["verb"] == ActionCards.UpdateVerb)["data"]!["schoolId"]));

        // A button on the list works like the one on the original card.
        var press = await UpdateAsync(teams, head, overdue, "nb-oak", "InProgress", "Started today.");
        Assert.Contains("Status: In progress", press.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSencoOfTwoSchools_SeesBoth_AndCanUpdateAHeadOwnedAction_ButNotAcknowledgeIt()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var hannah = DemoTrust.SencoOfTwoSchools;
        var schools = hannah.Roles.Where(r => r.Role == "Senco").Select(r => r.School!).Order().ToArray();
        await CreateAsync(teams.App, Body(schools: Schools(schools)));

        await teams.Teams.MessageAsync(hannah, "actions");

        var cards = Cards(await ReplyAsync(teams, hannah, 1));
        Assert.Equal(schools, cards.Select(c => (string)AllActions(c).First(a => (string?)a["verb"] == ActionCards.UpdateVerb)["data"]!["schoolId"]!).Order());
        Assert.All(cards, c => Assert.DoesNotContain(AllActions(c), a => (string?)a["verb"] == ActionCards.AcknowledgeVerb));
    }

    [Fact]
    public async Task StaffTrusteesTheSendLead_AndChannels_GetASummary_WithoutButtons()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        await CreateAsync(teams.App, Body(title: "For three schools"));
        await CreateAsync(teams.App, Body(title: "For Hillcrest", schools: Schools("nb-hil")));
        var staff = DemoTrust.StaffOf("nb-hil");

        await teams.Teams.MessageAsync(staff, "actions");
        await teams.Teams.MessageAsync(DemoTrust.Trustee, "actions");
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        await teams.Teams.ChannelMessageAsync(DemoTrust.HeadteacherOf("nb-oak"), "actions");

        var staffCard = Cards(await ReplyAsync(teams, staff, 1)).Single();
        Assert.Contains("Your school's open actions", Texts(staffCard), StringComparison.Ordinal);
        Assert.Contains("For Hillcrest", staffCard.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("For three schools", staffCard.ToJsonString(), StringComparison.Ordinal);
        var trusteeCard = Cards(await ReplyAsync(teams, DemoTrust.Trustee, 1)).Single();
        Assert.Contains("Open actions across the trust", trusteeCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("For three schools", trusteeCard.ToJsonString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => teams.Connector.Requests.Any(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true
            && r.Body?.Contains("For three schools", StringComparison.Ordinal) == true), "the channel summary in the thread");
        foreach (var card in new[] { staffCard, trusteeCard })
        {
            Assert.DoesNotContain(AllActions(card), a => (string?)a["type"] is "Action.Execute" or "Action.ShowCard");
        }
    }

    [Fact]
    public async Task NothingOpen_SaysSo()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var head = DemoTrust.HeadteacherOf("nb-bro");

        await teams.Teams.MessageAsync(head, "actions");

        var reply = await ReplyAsync(teams, head, 1);
        Assert.Contains("You have no open actions", (string?)reply.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyActionsFullOfTheWorstText_StillFitOneMessage_TheRestAreInTheTab()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var head = DemoTrust.HeadteacherOf("nb-oak");
        for (var i = 0; i < ActionLimits.ActionsInReply + 2; i++)
        {
            await CreateAsync(teams.App, Body(title: $"{i} " + new string('<', ActionLimits.TitleLength - 3), detail: new string('<', ActionLimits.DetailLength), schools: Schools("nb-oak")));
        }

        await teams.Teams.MessageAsync(head, "actions");

        var reply = await ReplyAsync(teams, head, 1);
        var bytes = Encoding.UTF8.GetByteCount(reply.Json.ToJsonString());
        Assert.True(bytes < 80 * 1024, $"the reply is {bytes} bytes");
        Assert.InRange(Cards(reply).Count, 1, ActionLimits.ActionsInReply);
        Assert.Equal($"Your {Cards(reply).Count} most urgent of {ActionLimits.ActionsInReply + 2} open actions; the rest are in the Actions tab.", (string?)reply.Json["text"]);
    }
}
