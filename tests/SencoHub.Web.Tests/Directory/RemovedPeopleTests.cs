using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Tests.Platform;

namespace SencoHub.Web.Tests.Directory;

/// <summary>Someone the directory no longer gives a role is nobody to SencoHub, at once and on every surface.</summary>
public sealed class RemovedPeopleTests
{
    private static readonly string[] ApiReads =
        ["/api/me", "/api/strategy/versions", "/api/calendar/half-terms", "/api/calendar/today", "/api/directory/schools", "/api/checkins/template", "/api/actions"];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WhenAReimportTakesAwayEveryRole_CookieTokenPagesAndBot_AllRefuseAtOnce(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var app = teams.App;
        var leaver = DemoTrust.HeadteacherOf("nb-oak");
        var browser = await SignInTests.SignedInBrowserAsync(app, leaver.AadObjectId);
        var token = await app.ClientForAsync(leaver.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/strategy")).StatusCode);
        foreach (var path in ApiReads)
        {
            Assert.Equal(HttpStatusCode.OK, (await token.GetAsync(path)).StatusCode);
        }

        await teams.Teams.MessageAsync(leaver, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(leaver)).Count == 1, "the strategy reply");

        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var imported = await lead.PostAsync("/api/directory/import?removeAbsentPeople=true", new StringContent(Without(leaver)));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // The cookie: signed out, and sent to sign in again.
        var page = await browser.GetAsync("/strategy");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".SencoHub=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        // The token: refused by every API.
        foreach (var path in ApiReads)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync(path)).StatusCode);
        }

        // No new session or token either.
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/dev/token", new { aadObjectId = leaver.AadObjectId })).StatusCode);
        Assert.DoesNotContain(leaver.Name, await anonymous.GetStringAsync("/dev/sign-in"), StringComparison.Ordinal);

        // The bot: a command and a card press get the "not added" answer and no data.
        await teams.Teams.MessageAsync(leaver, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(leaver)).Count == 2, "the second reply");
        var reply = teams.Connector.Received(TeamsClient.PersonalChatOf(leaver))[1].Json.ToJsonString();
        Assert.Contains("has not added you to SencoHub yet", reply, StringComparison.Ordinal);
        var press = await teams.Teams.ExecuteAsync(leaver, "strategy.acknowledge", new { versionId = "1" });
        Assert.Contains("has not added you to SencoHub yet", press.Body!.ToJsonString(), StringComparison.Ordinal);

        // They stay on record: what they acknowledged and wrote still names them.
        Assert.True(await app.WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.AadObjectId == leaver.AadObjectId)));
    }

    [Fact]
    public async Task AnImportByAnotherInstance_ReachesThisInstancesCache_WithinASecond()
    {
        await using var first = await new SencoHubApp().StartAsync();
        await using var second = await new SencoHubApp(dataDirectory: first.DataDirectory).StartAsync();
        var leaver = DemoTrust.SencoOf("nb-oak");
        var token = await second.ClientForAsync(leaver.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/me")).StatusCode);

        await first.WithScopeAsync(services => services.GetRequiredService<ImportDirectory>().ImportAsync(Without(leaver), removeAbsentPeople: true));
        second.Clock.Advance(DirectoryCache.FreshnessCheckInterval);

        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SomeoneListedWithoutARole_CannotSignIn()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var json = JsonNode.Parse(DemoTrust.Json)!;
        json["people"]!.AsArray().Add(JsonNode.Parse("""{ "aadObjectId": "no-role-yet", "name": "Rowan Noroles", "email": "r@x.org", "roles": [] }"""));
        await app.WithScopeAsync(services => services.GetRequiredService<ImportDirectory>().ImportAsync(json.ToJsonString()));

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/dev/token", new { aadObjectId = "no-role-yet" })).StatusCode);
        Assert.DoesNotContain("Rowan Noroles", await anonymous.GetStringAsync("/dev/sign-in"), StringComparison.Ordinal);
    }

    private static string Without(DemoPerson person)
    {
        var json = JsonNode.Parse(DemoTrust.Json)!;
        var people = json["people"]!.AsArray();
        people.Remove(people.First(p => (string?)p!["aadObjectId"] == person.AadObjectId));
        return json.ToJsonString();
    }
}
