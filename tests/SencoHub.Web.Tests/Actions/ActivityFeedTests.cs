using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

/// <summary>The Teams activity feed through the Microsoft.Graph SDK, pointed at a loopback Graph that checks every request's shape.</summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class ActivityFeedTests : IAsyncLifetime
{
    private LoopbackGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraph.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static string Parameter(JsonObject body, string name) =>
        (string)body["templateParameters"]!.AsArray().Single(p => (string?)p!["name"] == name)!["value"]!;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ActionAssigned_AndActionDue_ReachEachOwnersFeed_InTheShapeGraphExpects(TestProvider provider)
    {
        await using var app = new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false");
        _graph.Configure(app);
        await app.StartAsync();

        var id = await CreateAsync(app, Body(dueOn: "2026-11-26"));

        // The background sender picks them up: one per headteacher of the three schools.
        await Eventually.TrueAsync(() => _graph.Accepted.Count == 3 || _graph.Problems.Count > 0, "three actionAssigned notifications");
        Assert.Empty(_graph.Problems);
        var assigned = _graph.Accepted;
        Assert.Equal(ThreeSchools.Select(s => DemoTrust.HeadteacherOf(s).AadObjectId).Order(), assigned.Select(a => a.UserId).Order());
        var oak = assigned.Single(a => a.UserId == DemoTrust.HeadteacherOf("nb-oak").AadObjectId).Body;
        Assert.Equal("actionAssigned", (string?)oak["activityType"]);
        Assert.Equal("Oakfield Primary", Parameter(oak, "school"));
        Assert.Equal("Update the SEN register", Parameter(oak, "actionName"));
        Assert.Equal("New action for Oakfield Primary: Update the SEN register", (string?)oak["previewText"]!["content"]);
        Assert.Contains(Uri.EscapeDataString($"/actions/{id}"), (string?)oak["topic"]!["webUrl"], StringComparison.Ordinal);
        Assert.Equal("6f1c1c5e-7a39-4c55-9d1e-8a2f0c3b4d5e", (string?)oak["teamsAppId"]);
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.Set<ActivityFeedNotification>().AllAsync(n => n.State == FeedState.Sent)), "all marked sent");

        // The due-soon reminder on Wednesday morning brings "action due" with the date.
        app.Clock.SetUtcNow(London(2026, 11, 25, 9));
        await RunChaseAsync(app, app.Clock.GetUtcNow());
        await Eventually.TrueAsync(() => _graph.Accepted.Count == 6 || _graph.Problems.Count > 0, "three actionDue notifications");
        Assert.Empty(_graph.Problems);
        var due = _graph.Accepted.Skip(3).Single(a => a.UserId == DemoTrust.HeadteacherOf("nb-riv").AadObjectId).Body;
        Assert.Equal("actionDue", (string?)due["activityType"]);
        Assert.Equal("Riverside Academy", Parameter(due, "school"));
        Assert.Equal("Update the SEN register", Parameter(due, "actionName"));
        Assert.Equal("26 Nov 2026", Parameter(due, "dueDate"));
        Assert.Equal("Update the SEN register for Riverside Academy is due 26 Nov 2026", (string?)due["previewText"]!["content"]);

        // Running the chase again the same morning sends nothing more.
        await RunChaseAsync(app, app.Clock.GetUtcNow().AddHours(2));
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<ActivityFeedNotification>().CountAsync()));
    }

    [Fact]
    public async Task ARefusal_IsFinal_AnOutageIsTriedAgainLater_AndALongTitleIsShortenedFor150Characters()
    {
        await using var app = new SencoHubApp().Setting("SencoHub:Scheduling:Enabled", "false");
        _graph.Configure(app);
        app.Setting("SencoHub:Actions:ActivityFeedPollInterval", "01:00:00"); // the test sends by hand
        await app.StartAsync();
        var notInstalled = DemoTrust.HeadteacherOf("nb-oak").AadObjectId;
        var down = DemoTrust.HeadteacherOf("nb-ash").AadObjectId;
        _graph.FailFor(notInstalled, 404);
        _graph.FailFor(down, 500);
        await CreateAsync(app, Body(title: new string('T', 100) + " " + new string('x', 49)));

        var sent = await SendDueAsync(app);

        Assert.Equal(1, sent);
        var rows = await app.WithDbAsync(db => db.Set<ActivityFeedNotification>().ToListAsync());
        var refused = rows.Single(r => r.RecipientAadObjectId == notInstalled);
        Assert.Equal(FeedState.Failed, refused.State);
        Assert.StartsWith("404", refused.FailureReason, StringComparison.Ordinal);
        var retrying = rows.Single(r => r.RecipientAadObjectId == down);
        Assert.Equal(FeedState.Pending, retrying.State);
        Assert.Equal(1, retrying.Attempts);
        Assert.True(retrying.DueAt > app.Clock.GetUtcNow());
        Assert.Equal(150, ((string)_graph.Accepted.Single().Body["previewText"]!["content"]!).Length);

        _graph.Recover(down);
        Assert.Equal(0, await SendDueAsync(app)); // not due yet
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await SendDueAsync(app));
        Assert.Equal(0, await SendDueAsync(app));
        Assert.Equal(2, _graph.Accepted.Count);
        Assert.Empty(_graph.Problems);
    }

    [Fact]
    public async Task WithGraphOff_TheDefault_NothingIsQueuedOrSent()
    {
        // Everything Graph needs is there, pointed at the loopback server; only the switch is off.
        await using var app = new SencoHubApp();
        _graph.Configure(app);
        await app.Setting("SencoHub:Graph:Enabled", "false").StartAsync();

        await CreateAsync(app);

        Assert.Equal(0, await CountAsync<ActivityFeedNotification>(app));
        Assert.Equal(0, await SendDueAsync(app));
        Assert.Empty(_graph.Accepted);
    }

    [Fact]
    public async Task GraphEnabledWithoutACredential_StopsTheAppAtStart_WithTheReason()
    {
        // As an operator runs it: the app prints the reason and exits (in a test host it would only vanish).
        var folder = System.IO.Directory.CreateTempSubdirectory("sencohub-graph-").FullName;
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["SencoHub__Graph__Enabled"] = "true", ["SencoHub__DataDirectory"] = folder, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("Graph is enabled without a credential", app.StandardError, StringComparison.Ordinal);
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("""{ "topic": { "source": "text", "value": "SEND actions", "webUrl": "https://teams.microsoft.com/l/entity/x/actions" }, "activityType": "actionAssigned", "previewText": { "content": "New" }, "templateParameters": [ { "name": "school", "value": "Oak" } ] }""")]
    [InlineData("""{ "topic": { "source": "text", "value": "SEND actions", "webUrl": "https://teams.microsoft.com/l/entity/x/actions" }, "activityType": "actionDue", "previewText": { "content": "Due" }, "templateParameters": [ { "name": "school", "value": "Oak" }, { "name": "actionName", "value": "A" } ] }""")]
    [InlineData("""{ "topic": { "source": "text", "value": "SEND actions", "webUrl": "https://teams.microsoft.com/l/entity/x/actions" }, "activityType": "somethingElse", "previewText": { "content": "New" }, "templateParameters": [] }""")]
    [InlineData("""{ "topic": { "source": "entityUrl", "value": "https://example.org" }, "activityType": "actionAssigned", "previewText": { "content": "New" }, "templateParameters": [ { "name": "school", "value": "Oak" }, { "name": "actionName", "value": "A" } ] }""")]
    public async Task TheLoopbackGraph_RefusesARequestOfTheWrongShape(string body)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", LoopbackGraph.Token);

        var response = await client.PostAsync($"{_graph.BaseUri}/users/someone/teamwork/sendActivityNotification", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(_graph.Problems);
        Assert.Equal(["actionAssigned", "actionDue"], LoopbackGraph.DeclaredActivities.Keys.Order());
        Assert.Equal(["actionName", "dueDate", "school"], LoopbackGraph.DeclaredActivities["actionDue"].Order());
    }

    private static Task<int> SendDueAsync(SencoHubApp app) =>
        app.WithScopeAsync(services => services.GetRequiredService<SendActivityFeed>().SendDueAsync());
}
