using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Activities;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class AcknowledgeActionTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Acknowledge_AnswersWithTheRefreshedCard_AndRecordsOnce_WhateverThePresses(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        var fiona = DemoTrust.HeadteacherOf("nb-ash");
        await teams.InstallForAsync([declan, fiona]);
        var id = await CreateAsync(teams.App);
        await ActionCardAsync(teams, TeamsClient.PersonalChatOf(declan));
        var delivered = teams.Connector.Messages(TeamsClient.PersonalChatOf(declan)).Last(m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal));

        var first = await AcknowledgeAsync(teams, declan, id, "nb-oak");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", first.Type);
        Assert.Contains($"Acknowledged by {declan.Name}, 23 Nov 2026", first.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionCards.AcknowledgeVerb, first.CardText, StringComparison.Ordinal);
        Assert.Contains(ActionCards.UpdateVerb, first.CardText, StringComparison.Ordinal); // still updatable

        // A later double press, the very same invoke retried, and five presses at once.
        teams.App.Clock.Advance(TimeSpan.FromDays(1));
        var again = await AcknowledgeAsync(teams, declan, id, "nb-oak");
        var retried = new Activity
        {
            Id = "retried-invoke", Type = ActivityTypes.Invoke, Name = InvokeNames.AdaptiveCardAction, From = TeamsClient.From(declan),
            Conversation = new ConversationAccount { Id = TeamsClient.PersonalChatOf(declan), ConversationType = "personal", TenantId = TeamsClient.TenantId },
            Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = ActionCards.AcknowledgeVerb, data = new { actionId = id, schoolId = "nb-oak" } }, trigger = "manual" }),
        };
        await teams.Teams.SendAsync(retried);
        await teams.Teams.SendAsync(retried);
        var races = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => AcknowledgeAsync(teams, fiona, id, "nb-ash")));

        Assert.Contains($"Acknowledged by {declan.Name}, 23 Nov 2026", again.CardText, StringComparison.Ordinal); // the first date stands
        Assert.All(races, r => Assert.Contains($"Acknowledged by {fiona.Name}", r.CardText, StringComparison.Ordinal));
        var records = await teams.App.WithDbAsync(db => db.Set<ActionAcknowledgement>().ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Equal([declan.Name, fiona.Name], records.Select(r => r.PersonName).Order());

        // The tracker shows who acknowledged; the third school is still waiting.
        var action = await GetAsync(teams.App, DemoTrust.SendLead, $"/api/actions/{id}");
        Assert.Equal(declan.Name, (string?)School(action, "nb-oak")["acknowledgedBy"]);
        Assert.True((bool)School(action, "nb-ash")["acknowledged"]!);
        Assert.False((bool)School(action, "nb-riv")["acknowledged"]!);

        // The card Declan already has is updated too (his other devices, the chat history).
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(declan))
            .Any(m => m.Id == delivered.Id && m.Method == "PUT" && m.Json.ToJsonString().Contains($"Acknowledged by {declan.Name}", StringComparison.Ordinal)), "the delivered card updated");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AHeadOfAnotherSchool_ASenco_Staff_TheSendLead_AndAStranger_AreRefusedPolitely_WhateverTheCardSays(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var id = await CreateAsync(teams.App);

        // The data names Oakfield; none of these is its headteacher.
        foreach (var person in new[] { DemoTrust.HeadteacherOf("nb-wil"), DemoTrust.HeadteacherOf("nb-ash"), DemoTrust.SencoOf("nb-oak"), DemoTrust.StaffOf("nb-oak"), DemoTrust.SendLead, DemoTrust.Trustee })
        {
            var response = await AcknowledgeAsync(teams, person, id, "nb-oak");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
            // Oakfield's own people learn who acknowledges; anyone else only that it is not theirs to do.
            Assert.Contains(person.Roles.Any(r => r.School == "nb-oak") ? "Only the school's headteacher acknowledges it" : ActionRules.NotYourSchool,
                (string?)response.Body!["value"], StringComparison.Ordinal);
        }

        var stranger = await AcknowledgeAsync(teams, new DemoPerson("not-in-directory", "Sam Stranger", []), id, "nb-oak");
        Assert.Contains("has not added you", (string?)stranger.Body!["value"], StringComparison.Ordinal);

        // Through the API the same people get 403 problem details.
        foreach (var person in new[] { DemoTrust.HeadteacherOf("nb-ash"), DemoTrust.StaffOf("nb-oak"), DemoTrust.Trustee })
        {
            using var client = await teams.App.ClientForAsync(person.AadObjectId);
            var problem = await ProblemAsync(await client.PostAsync($"/api/actions/{id}/schools/nb-oak/acknowledge", null), HttpStatusCode.Forbidden);
            Assert.Contains("Only the school's", (string?)problem["detail"], StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountAsync<ActionAcknowledgement>(teams.App));
    }

    [Fact]
    public async Task ASencoOwnedAction_IsAcknowledgedByTheSenco_NotTheHeadteacher()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var id = await CreateAsync(teams.App, Body(ownerRole: "Senco"));

        var head = await AcknowledgeAsync(teams, DemoTrust.HeadteacherOf("nb-riv"), id, "nb-riv");
        var senco = await AcknowledgeAsync(teams, DemoTrust.SencoOf("nb-riv"), id, "nb-riv");

        Assert.Contains("Only the school's SENCO acknowledges it", (string?)head.Body!["value"], StringComparison.Ordinal);
        Assert.Contains($"Acknowledged by {DemoTrust.SencoOf("nb-riv").Name}", senco.CardText, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync<ActionAcknowledgement>(teams.App));
    }

    [Theory]
    [InlineData("{ \"actionId\": \"abc\", \"schoolId\": \"nb-oak\" }")]
    [InlineData("{ }")]
    [InlineData("{ \"actionId\": 99999, \"schoolId\": \"nb-wil\" }")]
    [InlineData("{ \"actionId\": 1, \"schoolId\": \"nb-wil\" }")]
    [InlineData("{ \"actionId\": 1, \"schoolId\": \"<script>\" }")]
    public async Task AStrangeOrStaleCard_GetsAPoliteMessage_AndNothingIsRecorded(string data)
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        Assert.Equal(1, await CreateAsync(teams.App));

        var response = await teams.Teams.ExecuteAsync(DemoTrust.HeadteacherOf("nb-wil"), ActionCards.AcknowledgeVerb, JsonNode.Parse(data));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
        Assert.Equal(ActionCards.OutOfDate, (string?)response.Body!["value"]);
        Assert.Equal(0, await CountAsync<ActionAcknowledgement>(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AcknowledgeThroughTheApi_RecordsOnce_AndSaysWhetherItWasNew(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var id = await CreateAsync(app);
        using var head = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-riv").AadObjectId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => head.PostAsync($"/api/actions/{id}/schools/nb-riv/acknowledge", null)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies, b => (bool)b!["recorded"]!);
        Assert.Single(bodies.Select(b => (string?)b!["acknowledgedAt"]).Distinct());
        Assert.Equal(1, await CountAsync<ActionAcknowledgement>(app));
        await ProblemAsync(await head.PostAsync("/api/actions/4242/schools/nb-riv/acknowledge", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SomeoneOutsideTheSchool_GetsOneAnswer_WhetherOrNotTheSchoolHasThatAction()
    {
        // Otherwise 403 against 404 would tell anyone which schools an action was set for.
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var id = await CreateAsync(teams.App, Body(schools: Schools("nb-riv")));
        var outsider = DemoTrust.HeadteacherOf("nb-wil");
        using var client = await teams.App.ClientForAsync(outsider.AadObjectId);
        (int, string)[] probes = [(id, "nb-riv"), (id, "nb-oak"), (4242, "nb-riv"), (4242, "nb-oak")];

        var acknowledgements = new List<string>();
        var updates = new List<string>();
        var presses = new List<string>();
        foreach (var (actionId, school) in probes)
        {
            var acknowledged = await client.PostAsync($"/api/actions/{actionId}/schools/{school}/acknowledge", null);
            var updated = await client.PostAsJsonAsync($"/api/actions/{actionId}/schools/{school}/updates", new { status = "Done", note = "Finished." });
            acknowledgements.Add($"{(int)acknowledged.StatusCode} {(await acknowledged.Content.ReadFromJsonAsync<JsonObject>())!["detail"]}");
            updates.Add($"{(int)updated.StatusCode} {(await updated.Content.ReadFromJsonAsync<JsonObject>())!["detail"]}");
            var press = await teams.Teams.ExecuteAsync(outsider, ActionCards.AcknowledgeVerb, new { actionId = actionId.ToString(CultureInfo.InvariantCulture), schoolId = school });
            var update = await teams.Teams.ExecuteAsync(outsider, ActionCards.UpdateVerb, new { actionId = actionId.ToString(CultureInfo.InvariantCulture), schoolId = school, status = "Done", note = "Finished." });
            presses.Add($"{press.Body!.ToJsonString()} {update.Body!.ToJsonString()}");
        }

        Assert.StartsWith("403 ", acknowledgements[0], StringComparison.Ordinal);
        Assert.StartsWith("403 ", updates[0], StringComparison.Ordinal);
        Assert.Single(acknowledgements.Distinct());
        Assert.Single(updates.Distinct());
        Assert.Single(presses.Distinct());
        Assert.Equal(0, await CountAsync<ActionAcknowledgement>(teams.App));
        Assert.Equal(0, await CountAsync<ActionUpdate>(teams.App));
    }
}
