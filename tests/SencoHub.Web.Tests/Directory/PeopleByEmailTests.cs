using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Activities;
using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Tests.Platform;

namespace SencoHub.Web.Tests.Directory;

/// <summary>People listed by email alone are linked to their Teams identity the first time the bot sees them.</summary>
public sealed class PeopleByEmailTests
{
    private const string NewcomerEmail = "Ash.Newstart@trust.example";
    private const string NewcomerObjectId = "7c0ffee0-0000-4000-8000-00000000a5a5";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SomeoneListedByEmail_WaitsForFirstSignIn_ThenIsLinkedOnTheirFirstMessage(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider);
        var app = teams.App;
        var school = DemoTrust.SchoolIds[0];
        await ImportWithNewcomerAsync(app, school);
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var waiting = await NewcomerAsync(lead);
        Assert.True((bool)waiting["waitingForFirstSignIn"]!);
        Assert.Null(waiting["aadObjectId"]);
        Assert.Contains("Waiting for first sign-in", await (await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId)).GetStringAsync("/admin"), StringComparison.Ordinal);

        // Teams reports the sender's UPN through the members call; case differs from the file, as it often does.
        var newcomer = new DemoPerson(NewcomerObjectId, "Ash Newstart", []);
        teams.Connector.AddMember(TeamsClient.PersonalChatOf(newcomer),
            new TeamsChannelAccount { Id = TeamsClient.UserIdOf(newcomer), AadObjectId = NewcomerObjectId, UserPrincipalName = NewcomerEmail.ToLowerInvariant(), Name = "Ash Newstart" });
        await teams.Teams.MessageAsync(newcomer, "strategy");
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(newcomer)).Count == 1, "the reply");
        Assert.DoesNotContain("has not added you to SencoHub yet", teams.Connector.Received(TeamsClient.PersonalChatOf(newcomer))[0].Json.ToJsonString(), StringComparison.Ordinal);

        var linked = await NewcomerAsync(lead);
        Assert.False((bool)linked["waitingForFirstSignIn"]!);
        Assert.Equal(NewcomerObjectId, (string?)linked["aadObjectId"]);
        var me = await (await app.ClientForAsync(NewcomerObjectId)).GetFromJsonAsync<JsonNode>("/api/me");
        Assert.Equal(school, (string?)me!["roles"]![0]!["schoolId"]);

        // A re-import of the same file keeps the link rather than adding them again.
        await ImportWithNewcomerAsync(app, school);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Person>().CountAsync(p => p.Email == NewcomerEmail)));
        Assert.Equal(NewcomerObjectId, (string?)(await NewcomerAsync(lead))["aadObjectId"]);
    }

    [Fact]
    public async Task AnIdentityWhoseSignInNameMatchesNobody_IsNotLinked_AndSeesNothing()
    {
        await using var teams = await TeamsApp.StartAsync();
        await ImportWithNewcomerAsync(teams.App, DemoTrust.SchoolIds[0]);
        var stranger = new DemoPerson("5e5e5e5e-0000-4000-8000-000000000001", "Sam Stranger", []);
        teams.Connector.AddMember(TeamsClient.PersonalChatOf(stranger),
            new TeamsChannelAccount { Id = TeamsClient.UserIdOf(stranger), AadObjectId = stranger.AadObjectId, UserPrincipalName = "sam.stranger@trust.example" });

        await teams.Teams.MessageAsync(stranger, "strategy");

        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(stranger)).Count == 1, "the reply");
        Assert.Contains("has not added you to SencoHub yet", teams.Connector.Received(TeamsClient.PersonalChatOf(stranger))[0].Json.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await teams.App.WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.Email == NewcomerEmail && p.AadObjectId == null)));
    }

    [Fact]
    public async Task AMembersAnswerForSomeoneElse_DoesNotLinkTheSender()
    {
        await using var teams = await TeamsApp.StartAsync();
        await ImportWithNewcomerAsync(teams.App, DemoTrust.SchoolIds[0]);
        var sender = new DemoPerson("5e5e5e5e-0000-4000-8000-000000000002", "Pat Other", []);
        // The members call answers with a different object id than the activity's sender: never trust the pairing.
        teams.Connector.AddMember(TeamsClient.PersonalChatOf(sender),
            new TeamsChannelAccount { Id = TeamsClient.UserIdOf(sender), AadObjectId = "someone-else", UserPrincipalName = NewcomerEmail });

        await teams.Teams.MessageAsync(sender, "strategy");

        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(sender)).Count == 1, "the reply");
        Assert.Contains("has not added you to SencoHub yet", teams.Connector.Received(TeamsClient.PersonalChatOf(sender))[0].Json.ToJsonString(), StringComparison.Ordinal);
        Assert.True(await teams.App.WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.Email == NewcomerEmail && p.AadObjectId == null)));
    }

    [Fact]
    public async Task SomeoneWhoFirstWritesInTheNetworkChannel_IsLinkedThroughTheTeamRoster()
    {
        await using var teams = await TeamsApp.StartAsync();
        await ImportWithNewcomerAsync(teams.App, DemoTrust.SchoolIds[0]);
        var newcomer = new DemoPerson(NewcomerObjectId, "Ash Newstart", []);
        teams.Connector.AddMember(TeamsClient.TeamId,
            new TeamsChannelAccount { Id = TeamsClient.UserIdOf(newcomer), AadObjectId = NewcomerObjectId, Email = NewcomerEmail });

        await teams.Teams.ChannelMessageAsync(newcomer, "strategy");

        await Eventually.TrueAsync(() => teams.App.WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.Email == NewcomerEmail && p.AadObjectId == NewcomerObjectId)), "the link");
    }

    [Fact]
    public async Task AFileThatLaterGivesTheObjectId_LinksThePersonListedByEmail()
    {
        await using var app = await new SencoHubApp().StartAsync();
        await ImportWithNewcomerAsync(app, DemoTrust.SchoolIds[0]);
        var json = JsonNode.Parse(DemoTrust.Json)!;
        var withId = Newcomer(DemoTrust.SchoolIds[0]);
        withId["aadObjectId"] = NewcomerObjectId;
        json["people"]!.AsArray().Add(withId);

        await app.WithScopeAsync(services => services.GetRequiredService<ImportDirectory>().ImportAsync(json.ToJsonString()));

        var people = await app.WithDbAsync(db => db.Set<Person>().Where(p => p.Email == NewcomerEmail).ToListAsync());
        Assert.Equal(NewcomerObjectId, Assert.Single(people).AadObjectId);
    }

    [Fact]
    public async Task TheSameEmailTwiceWithoutObjectIds_IsRefused()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var json = JsonNode.Parse(DemoTrust.Json)!;
        json["people"]!.AsArray().Add(Newcomer(DemoTrust.SchoolIds[0]));
        json["people"]!.AsArray().Add(Newcomer(DemoTrust.SchoolIds[0]));

        var refused = await Assert.ThrowsAsync<DirectoryFileException>(() =>
            app.WithScopeAsync(services => services.GetRequiredService<ImportDirectory>().ImportAsync(json.ToJsonString())));

        Assert.Contains("is listed more than once", refused.Message, StringComparison.Ordinal);
    }

    private static async Task ImportWithNewcomerAsync(SencoHubApp app, string school)
    {
        var json = JsonNode.Parse(DemoTrust.Json)!;
        json["people"]!.AsArray().Add(Newcomer(school));
        await app.WithScopeAsync(services => services.GetRequiredService<ImportDirectory>().ImportAsync(json.ToJsonString()));
    }

    private static JsonNode Newcomer(string school) =>
        new JsonObject { ["name"] = "Ash Newstart", ["email"] = NewcomerEmail, ["roles"] = new JsonArray(new JsonObject { ["role"] = "Senco", ["school"] = school }) };

    private static async Task<JsonNode> NewcomerAsync(HttpClient lead)
    {
        var response = await lead.GetAsync("/api/directory/people");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var people = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        return people.Single(p => (string?)p!["email"] == NewcomerEmail)!;
    }
}
