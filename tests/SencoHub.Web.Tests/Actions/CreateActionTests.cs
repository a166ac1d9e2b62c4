using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class CreateActionTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Create_ForThreeSchools_SendsEachHeadteacherACard_WithAcknowledgeAndAnInlineUpdate(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var heads = ThreeSchools.Select(DemoTrust.HeadteacherOf).ToList();
        var bystanders = new[] { DemoTrust.SencoOf("nb-oak"), DemoTrust.HeadteacherOf("nb-wil") };
        await teams.InstallForAsync([.. heads, .. bystanders]);
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var created = await CreateAsync(lead, Body());

        var id = (int)created["id"]!;
        Assert.Equal(3, (int)created["schools"]!);
        Assert.Equal(3, (int)created["cardsQueued"]!);
        Assert.Empty(created["schoolsWithoutOwner"]!.AsArray());
        // Queued in the creating transaction: the cards are in the outbox when the request returns.
        Assert.Equal(3, await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == ActionMessages.AssignedTopic)));
        foreach (var (head, school) in heads.Zip(ThreeSchools))
        {
            var card = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head));
            var json = card.ToJsonString();
            Assert.Contains("Update the SEN register", json, StringComparison.Ordinal);
            Assert.Contains("29 Jan 2027", json, StringComparison.Ordinal);
            var acknowledge = Assert.Single(AllActions(card), a => (string?)a["verb"] == ActionCards.AcknowledgeVerb);
            Assert.Equal("Action.Execute", (string?)acknowledge["type"]);
            Assert.Equal(id, (int)acknowledge["data"]!["actionId"]!);
            Assert.Equal(school, (string?)acknowledge["data"]!["schoolId"]);
            var update = Assert.Single(AllActions(card), a => (string?)a["verb"] == ActionCards.UpdateVerb);
            Assert.Equal("Action.Execute", (string?)update["type"]);
            var form = Assert.Single(AllActions(card), a => (string?)a["type"] == "Action.ShowCard")["card"]!.ToJsonString();
            Assert.Contains("\"id\":\"status\"", form, StringComparison.Ordinal);
            Assert.Contains("\"id\":\"note\"", form, StringComparison.Ordinal);
            Assert.Contains("\"id\":\"evidenceUrl\"", form, StringComparison.Ordinal);
            Assert.Contains(AllActions(card), a => (string?)a["type"] == "Action.OpenUrl" && ((string?)a["url"])!.EndsWith($"/actions/{id}", StringComparison.Ordinal));
        }

        // Only the owners: not the SENCO of a chosen school, not the head of a school left out.
        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.State == DeliveryState.Delivered)), "every card delivered");
        foreach (var bystander in bystanders)
        {
            Assert.DoesNotContain(teams.Connector.Messages(TeamsClient.PersonalChatOf(bystander)), m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal));
        }

        var action = await GetAsync(teams.App, DemoTrust.SendLead, $"/api/actions/{id}");
        Assert.Equal("Update the SEN register", (string?)action["title"]);
        Assert.Equal("2027-01-29", (string?)action["dueOn"]);
        Assert.Equal("High", (string?)action["priority"]);
        Assert.Equal("Identification", (string?)action["reviewArea"]);
        Assert.Equal("Headteacher", (string?)action["ownerRole"]);
        Assert.Equal("Open", (string?)action["state"]);
        Assert.Equal(DemoTrust.SendLead.Name, (string?)action["createdBy"]);
        Assert.Equal(ThreeSchools.Order(), action["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!).Order());
        Assert.All(action["schools"]!.AsArray(), s => Assert.Equal("NotStarted", (string?)s!["status"]));
    }

    [Fact]
    public async Task Create_OwnedBySencos_GoesToTheSencos_OneCardPerSchool_ForTheSencoOfTwo()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var hannah = DemoTrust.SencoOfTwoSchools;
        var schools = hannah.Roles.Where(r => r.Role == "Senco").Select(r => r.School!).ToArray();
        await teams.InstallForAsync([hannah, DemoTrust.HeadteacherOf(schools[0])]);
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var created = await CreateAsync(lead, Body(ownerRole: "Senco", schools: Schools(schools)));

        Assert.Equal(2, (int)created["cardsQueued"]!);
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(hannah)).Count(m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal)) == 2, "a card per school");
        var cards = teams.Connector.Messages(TeamsClient.PersonalChatOf(hannah)).Where(m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal))
            .Select(m => Card(m.Json)).ToList();
        Assert.Equal(schools.Order(), cards.Select(c => (string)AllActions(c).Single(a => (string?)a["verb"] == ActionCards.AcknowledgeVerb)["data"]!["schoolId"]!).Order());
        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.State == DeliveryState.Delivered)), "delivered");
        Assert.DoesNotContain(teams.Connector.Messages(TeamsClient.PersonalChatOf(DemoTrust.HeadteacherOf(schools[0]))), m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryoneSeesTheirOwnSchoolsActions_TheSendLeadAndTrusteesSeeAll(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false").StartAsync();
        var forThree = await CreateAsync(app, Body(title: "For three schools"));
        var forAll = await CreateAsync(app, Body(title: "For every school", schools: JsonValue.Create("all")));

        foreach (var reader in new[] { DemoTrust.SendLead, DemoTrust.Trustee })
        {
            var all = await ListAsync(app, reader);
            Assert.Equal([forThree, forAll], all.Select(a => (int)a!["id"]!).Order());
            Assert.Equal(DemoTrust.SchoolIds.Count, all.Single(a => (int)a!["id"]! == forAll)!["schools"]!.AsArray().Count);
        }

        // Staff and SENCOs read their own school's part only, and nothing of other schools.
        foreach (var person in new[] { DemoTrust.StaffOf("nb-oak"), DemoTrust.SencoOf("nb-oak"), DemoTrust.HeadteacherOf("nb-oak") })
        {
            var mine = await ListAsync(app, person);
            Assert.Equal(2, mine.Count);
            Assert.All(mine, a => Assert.Equal(["nb-oak"], a!["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!)));
            Assert.Single((await GetAsync(app, person, $"/api/actions/{forAll}"))["schools"]!.AsArray());
        }

        var wil = DemoTrust.HeadteacherOf("nb-wil");
        Assert.Equal([forAll], (await ListAsync(app, wil)).Select(a => (int)a!["id"]!));
        using var wilClient = await app.ClientForAsync(wil.AadObjectId);
        await ProblemAsync(await wilClient.GetAsync($"/api/actions/{forThree}"), HttpStatusCode.NotFound);
        await ProblemAsync(await wilClient.GetAsync("/api/actions/424242"), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StaffTrusteesAndSchools_CannotCreateOrWithdraw_403_AndNothingIsStored(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var id = await CreateAsync(app);

        foreach (var person in new[] { DemoTrust.StaffOf("nb-oak"), DemoTrust.Trustee, DemoTrust.HeadteacherOf("nb-oak"), DemoTrust.SencoOf("nb-oak") })
        {
            using var client = await app.ClientForAsync(person.AadObjectId);
            await ProblemAsync(await client.PostAsJsonAsync("/api/actions", Body()), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.PostAsync($"/api/actions/{id}/withdraw", null), HttpStatusCode.Forbidden);
        }

        Assert.Equal(1, await CountAsync<ActionItem>(app));
        Assert.Equal("Open", (string?)(await GetAsync(app, DemoTrust.SendLead, $"/api/actions/{id}"))["state"]);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "dueOn", """{ "dueOn": "2026-11-20" }""", "has passed" },
        { "dueOn", """{ "dueOn": "29/01/2027" }""", "is not a date" },
        { "dueOn", """{ "dueOn": "2035-01-01" }""", "more than 3 years away" },
        { "schools", """{ "schools": ["nb-oak", "no-such-school"] }""", "Not schools of this trust: \"no-such-school\"" },
        { "schools", """{ "schools": [] }""", "at least one school" },
        { "schools", """{ "schools": "some" }""", "or send \"all\"" },
        { "priorityId", """{ "priorityId": 424242 }""", "no published strategy priority with id 424242" },
        { "title", """{ "title": "" }""", "needs a title" },
        { "title", """{ "title": "Review A123456789012 first" }""", "unique pupil number" },
        { "detail", """{ "detail": "Pupil K987654321098 needs a plan" }""", "unique pupil number" },
        { "reviewArea", """{ "reviewArea": "2" }""", "is not a review area" },
        { "priority", """{ "priority": "Urgent" }""", "Use one of High, Medium, Low" },
        { "ownerRole", """{ "ownerRole": "Staff" }""", "Use one of Headteacher, Senco" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_IsRefusedWithProblemDetails_ByField_AndNothingIsStored(string field, string change, string message)
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var body = Body();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var problem = await ProblemAsync(await lead.PostAsJsonAsync("/api/actions", body), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), problem.ToJsonString());
        Assert.Contains(message, (string?)errors[field]![0], StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789012", problem.ToJsonString(), StringComparison.Ordinal); // never repeated back
        Assert.Equal(0, await CountAsync<ActionItem>(app));
        Assert.Equal(0, await CountAsync<OutboxMessage>(app));
    }

    [Fact]
    public async Task OverLongText_AndEveryMissingField_AreAllReportedAtOnce()
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var tooLong = await ProblemAsync(await lead.PostAsJsonAsync("/api/actions", Body(title: new string('t', ActionLimits.TitleLength + 1), detail: new string('d', ActionLimits.DetailLength + 1))),
            HttpStatusCode.BadRequest);
        var empty = await ProblemAsync(await lead.PostAsJsonAsync("/api/actions", new JsonObject()), HttpStatusCode.BadRequest);

        Assert.Contains("the limit is 150", (string?)tooLong["errors"]!["title"]![0], StringComparison.Ordinal);
        Assert.Contains("the limit is 4,000", (string?)tooLong["errors"]!["detail"]![0], StringComparison.Ordinal);
        Assert.Equal(["detail", "dueOn", "ownerRole", "priority", "reviewArea", "schools", "title"], empty["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(0, await CountAsync<ActionItem>(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task LinkingAStrategyPriority_TakesItsReviewArea_RefusesASupersededOne_AndFiltersFollowItIntoTheNextVersion(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        _ = await PublishNewVersionAsync(app);
        var priority1 = await PriorityIdAsync(app, "SEND on every leadership agenda");
        var linked = await CreateAsync(app, Body(title: "Linked", reviewArea: null, priorityId: priority1));
        await CreateAsync(app, Body(title: "Not linked"));
        await PublishNewVersionAsync(app, Strategy.StrategyTestKit.Body(title: "Revised"));
        var priority2 = await PriorityIdAsync(app, "SEND on every leadership agenda");

        var action = await GetAsync(app, DemoTrust.SendLead, $"/api/actions/{linked}");
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var stale = await ProblemAsync(await lead.PostAsJsonAsync("/api/actions", Body(priorityId: priority1)), HttpStatusCode.BadRequest);

        Assert.Equal("Leadership", (string?)action["reviewArea"]);
        Assert.Equal("SEND on every leadership agenda", (string?)action["strategyPriority"]!["title"]);
        Assert.Contains($"version 1 of the strategy, which has been superseded", (string?)stale["errors"]!["priorityId"]![0], StringComparison.Ordinal);
        Assert.NotEqual(priority1, priority2);
        Assert.Equal([linked], (await ListAsync(app, DemoTrust.SendLead, $"?priorityId={priority2}")).Select(a => (int)a!["id"]!));
        Assert.Equal([linked], (await ListAsync(app, DemoTrust.SendLead, $"?priorityId={priority1}")).Select(a => (int)a!["id"]!));
    }

    private static async Task<int> PriorityIdAsync(SencoHubApp app, string title)
    {
        var current = await GetAsync(app, DemoTrust.SendLead, "/api/strategy");
        return (int)current["priorities"]!.AsArray().Single(p => (string?)p!["title"] == title)!["id"]!;
    }
}
