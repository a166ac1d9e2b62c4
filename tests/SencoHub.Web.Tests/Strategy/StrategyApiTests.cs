using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SencoHub.Testing;
using SencoHub.Web.Features.Strategy;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyApiTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Versions_AreDraftedEditedPublished_AndSupersededByTheNext(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        await ProblemAsync(await senco.GetAsync("/api/strategy"), HttpStatusCode.NotFound);

        var created = await lead.PostAsJsonAsync("/api/strategy/versions", Body(title: "First title"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)draft["id"]!;
        Assert.Equal(1, (int)draft["number"]!);
        Assert.Equal($"/api/strategy/versions/{id}", created.Headers.Location?.OriginalString);

        // Only the SEND lead sees a draft.
        await ProblemAsync(await senco.GetAsync($"/api/strategy/versions/{id}"), HttpStatusCode.NotFound);
        Assert.Empty((await senco.GetFromJsonAsync<JsonArray>("/api/strategy/versions"))!);
        var edited = await lead.PutAsJsonAsync($"/api/strategy/versions/{id}", Body());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var version = (await edited.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Trust SEND strategy 2026-29", (string?)version["title"]);
        Assert.Equal("Draft", (string?)version["state"]);
        Assert.Equal(["Identification", "Leadership", "TeachingAndIntervention"], version["priorities"]!.AsArray().Select(p => (string)p!["reviewArea"]!));

        var published = await PublishAsync(lead, id);
        Assert.Equal("Published", (string?)published["state"]);
        var current = (await senco.GetFromJsonAsync<JsonObject>("/api/strategy"))!;
        Assert.Equal(id, (int)current["id"]!);
        Assert.Equal(DemoTrust.SendLead.Name, (string?)current["publishedBy"]);
        Assert.Null(current["changes"]);

        // A published version is never edited or published again.
        Assert.Contains("cannot be edited", (string?)(await ProblemAsync(await lead.PutAsJsonAsync($"/api/strategy/versions/{id}", Body()), HttpStatusCode.Conflict))["detail"], StringComparison.Ordinal);
        await ProblemAsync(await lead.PostAsync($"/api/strategy/versions/{id}/publish", null), HttpStatusCode.Conflict);

        // Version 2 rewords one priority (keeping its key), drops one and adds one.
        var keys = current["priorities"]!.AsArray().Select(p => (string)p!["key"]!).ToList();
        var second = await CreateDraftAsync(lead, Body(vision: "A revised vision.", priorities:
        [
            Priority("Consistent early identification", "Identification"),
            Priority("SEND in every leadership meeting", "Leadership", 6, key: keys[1], owner: "Headteachers"),
            Priority("Shared provision maps", "DevelopingProvision", 2),
        ]));
        await ProblemAsync(await lead.PostAsJsonAsync("/api/strategy/versions", Body()), HttpStatusCode.Conflict); // one draft at a time
        await PublishAsync(lead, second);

        current = (await senco.GetFromJsonAsync<JsonObject>("/api/strategy"))!;
        Assert.Equal(2, (int)current["number"]!);
        var changes = current["changes"]!;
        Assert.Equal(1, (int)changes["previousNumber"]!);
        Assert.True((bool)changes["visionChanged"]!);
        Assert.Equal("Shared provision maps", (string?)changes["added"]![0]!["title"]);
        Assert.Equal("Adaptive teaching CPD for all staff", (string?)changes["removed"]![0]!["title"]);
        Assert.Equal("SEND in every leadership meeting", (string?)changes["changed"]![0]!["after"]!["title"]);
        Assert.Equal(["title"], changes["changed"]![0]!["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(keys[0], (string?)current["priorities"]![0]!["key"]); // matched by title

        var first = (await senco.GetFromJsonAsync<JsonObject>($"/api/strategy/versions/{id}"))!;
        Assert.Equal("Superseded", (string?)first["state"]);
        Assert.Equal(second, (int)first["supersededByVersionId"]!);
        var list = (await senco.GetFromJsonAsync<JsonArray>("/api/strategy/versions"))!;
        Assert.Equal([2, 1], list.Select(v => (int)v!["number"]!));
        Assert.Equal(["Published", "Superseded"], list.Select(v => (string)v!["state"]!));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WriteEndpoints_Are403_ForEveryoneButTheSendLead(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var id = await CreateDraftAsync(lead, Body());

        foreach (var person in new[] { DemoTrust.StaffOf("nb-oak"), DemoTrust.SencoOf("nb-oak"), DemoTrust.HeadteacherOf("nb-oak"), DemoTrust.Trustee })
        {
            using var client = await app.ClientForAsync(person.AadObjectId);
            await ProblemAsync(await client.PostAsJsonAsync("/api/strategy/versions", Body(title: "Not mine")), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.PutAsJsonAsync($"/api/strategy/versions/{id}", Body(title: "Not mine")), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.PostAsync($"/api/strategy/versions/{id}/publish", null), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.PostAsync($"/api/strategy/versions/{id}/nudge", null), HttpStatusCode.Forbidden);
        }

        await PublishAsync(lead, id);
        using var sencoClient = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        await ProblemAsync(await sencoClient.GetAsync($"/api/strategy/versions/{id}/acknowledgements"), HttpStatusCode.Forbidden);
        using var trustee = await app.ClientForAsync(DemoTrust.Trustee.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await trustee.GetAsync($"/api/strategy/versions/{id}/acknowledgements")).StatusCode);

        var stored = (await lead.GetFromJsonAsync<JsonObject>($"/api/strategy/versions/{id}"))!;
        Assert.Equal("Trust SEND strategy 2026-29", (string?)stored["title"]);
        Assert.Equal(1, await CountAsync<StrategyVersion>(app));
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/strategy")).StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "no priorities", """{ "title": "T", "vision": "V", "priorities": [] }""", "priorities" },
        { "priorities missing", """{ "title": "T", "vision": "V" }""", "priorities" },
        { "unknown review area", """{ "title": "T", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Inclusion", "timeframe": 2 } ] }""", "priorities[0].reviewArea" },
        { "UPN in the vision", """{ "title": "T", "vision": "Like pupil A123456789012", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": 2 } ] }""", "vision" },
        { "UPN in a priority", """{ "title": "T", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": 2, "owner": "SENCO re Z000000000001" } ] }""", "priorities[0].owner" },
        { "title too long", $$"""{ "title": "{{new string('x', 151)}}", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": 2 } ] }""", "title" },
        { "timeframe out of range", """{ "title": "T", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": 0 } ] }""", "priorities[0].timeframe" },
        { "NUL character", """{ "title": "T\u0000", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": 2 } ] }""", "title" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_IsRefusedWithProblemDetails_AndNothingIsStored(string because, string body, string field)
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var problem = await ProblemAsync(await lead.PostAsync("/api/strategy/versions", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]?[field] is JsonArray { Count: > 0 }, $"{because}: expected an error on {field} in {problem}");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), because);
        Assert.Equal(0, await CountAsync<StrategyVersion>(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task BadInput_OnEdit_LeavesTheDraftAsItWas(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var id = await CreateDraftAsync(lead, Body());

        await ProblemAsync(await lead.PutAsJsonAsync($"/api/strategy/versions/{id}", Body(vision: "About B123456789012")), HttpStatusCode.BadRequest);
        await ProblemAsync(await lead.PutAsJsonAsync($"/api/strategy/versions/{id}", Body(priorities: [Priority("P", "Safeguarding")])), HttpStatusCode.BadRequest);

        var stored = (await lead.GetFromJsonAsync<JsonObject>($"/api/strategy/versions/{id}"))!;
        Assert.Equal("## Our vision\n\nEvery teacher is a **teacher of SEND**.", (string?)stored["vision"]);
        Assert.Equal(3, stored["priorities"]!.AsArray().Count);
        Assert.Equal(3, await CountAsync<StrategyPriority>(app));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("""{ "title": "T", "vision": "V", "priorities": [ { "title": "P", "reviewArea": "Leadership", "timeframe": "three" } ] }""")]
    public async Task UnreadableBodies_AreProblemDetails(string body)
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        await ProblemAsync(await lead.PostAsync("/api/strategy/versions", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.Equal(0, await CountAsync<StrategyVersion>(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoDraftsStartedAtOnce_OneWins(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => lead.PostAsJsonAsync("/api/strategy/versions", Body())));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await CountAsync<StrategyVersion>(app));
    }
}
