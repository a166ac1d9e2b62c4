using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Tests.Directory;

public sealed class ImportDirectoryTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FirstStart_SeedsDemoTrust_AndReimportIsIdempotent(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var before = await CountsAsync(app);
        Assert.Equal(DemoTrust.SchoolIds.Count, before.Schools);

        var summary = await ImportAsync(app, DemoTrust.Json);

        Assert.Equal(new DirectoryImportSummary(0, 0, 0, 0, before.HalfTerms), summary);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reimport_UpdatesByIdAndObjectId_AndRolesBecomeTheFilesRoles(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var json = JsonNode.Parse(DemoTrust.Json)!;
        json["schools"]![0]!["name"] = "Oakfield Primary Academy";
        var senco = DemoTrust.SencoOf("nb-oak");
        var entry = json["people"]!.AsArray().First(p => (string?)p!["aadObjectId"] == senco.AadObjectId)!;
        entry["roles"] = JsonNode.Parse("""[ { "role": "Senco", "school": "nb-riv" } ]""");
        json["people"]!.AsArray().Add(JsonNode.Parse("""{ "aadObjectId": "new-person", "name": "New Person", "email": "new@x.org", "roles": [] }"""));

        var summary = await ImportAsync(app, json.ToJsonString());

        Assert.Equal(1, summary.SchoolsUpdated);
        Assert.Equal(1, summary.PeopleAdded);
        Assert.Equal(1, summary.PeopleUpdated);
        await app.WithScopeAsync(async services =>
        {
            var directory = services.GetRequiredService<DirectoryService>();
            Assert.Equal("Oakfield Primary Academy", (await directory.FindSchoolAsync("nb-oak"))!.Name);
            var person = await directory.FindAsync(senco.AadObjectId, default);
            Assert.Equal([new RoleGrant(Role.Senco, "nb-riv")], person!.Roles);
        });
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task BadFile_ChangesNothing(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var before = await CountsAsync(app);
        var json = JsonNode.Parse(DemoTrust.Json)!;
        json["schools"]![0]!["name"] = "Renamed";
        json["people"]!.AsArray().Add(JsonNode.Parse("""{ "aadObjectId": "x", "name": "X", "email": "x@x.org", "roles": [ { "role": "Senco", "school": "nowhere" } ] }"""));

        await Assert.ThrowsAsync<DirectoryFileException>(() => ImportAsync(app, json.ToJsonString()));

        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal("Oakfield Primary", await app.WithDbAsync(db => db.Set<School>().Where(s => s.Id == "nb-oak").Select(s => s.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PeopleNoLongerInTheFile_KeepTheirRoles_UnlessRemovalIsAskedFor(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var leaver = DemoTrust.HeadteacherOf("nb-oak");
        var json = JsonNode.Parse(DemoTrust.Json)!;
        var people = json["people"]!.AsArray();
        people.Remove(people.First(p => (string?)p!["aadObjectId"] == leaver.AadObjectId));

        var kept = await ImportAsync(app, json.ToJsonString());
        Assert.Equal(0, kept.PeopleRemoved);
        Assert.NotEmpty((await FindAsync(app, leaver.AadObjectId))!.Roles);

        var removed = await ImportAsync(app, json.ToJsonString(), removeAbsentPeople: true);
        var again = await ImportAsync(app, json.ToJsonString(), removeAbsentPeople: true);

        Assert.Equal(1, removed.PeopleRemoved);
        Assert.Contains("1 no longer in the file lost their roles", removed.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, again.PeopleRemoved);
        // Still on record (acknowledgements name them), but nobody to sign-in: RemovedPeopleTests covers every surface.
        var record = await app.WithDbAsync(db => db.Set<Person>().Include(p => p.Roles).SingleAsync(p => p.AadObjectId == leaver.AadObjectId));
        Assert.Empty(record.Roles);
        Assert.Null(await FindAsync(app, leaver.AadObjectId));
        Assert.NotEmpty((await FindAsync(app, DemoTrust.HeadteacherOf("nb-riv").AadObjectId))!.Roles);
    }

    [Fact]
    public async Task RemovingPeople_WithAFileThatNamesNoSendLead_IsRefused_AndChangesNothing()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var before = await CountsAsync(app);
        var json = JsonNode.Parse(DemoTrust.Json)!;
        var people = json["people"]!.AsArray();
        people.Remove(people.First(p => (string?)p!["aadObjectId"] == DemoTrust.SendLead.AadObjectId));

        var refused = await Assert.ThrowsAsync<DirectoryFileException>(() => ImportAsync(app, json.ToJsonString(), removeAbsentPeople: true));

        Assert.Contains("names no SEND lead", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task ImportApi_CanRemovePeopleNoLongerInTheFile()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var json = JsonNode.Parse(DemoTrust.Json)!;
        var people = json["people"]!.AsArray();
        people.Remove(people.First(p => (string?)p!["aadObjectId"] == DemoTrust.SencoOf("nb-oak").AadObjectId));

        var response = await lead.PostAsync("/api/directory/import?removeAbsentPeople=true", new StringContent(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["peopleRemoved"]!);
    }

    [Fact]
    public async Task ImportApi_IsForTheSendLeadOnly_AndRefusesBadFilesWithProblemDetails()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        Assert.Equal(HttpStatusCode.Forbidden, (await senco.PostAsync("/api/directory/import", new StringContent(DemoTrust.Json))).StatusCode);
        var ok = await lead.PostAsync("/api/directory/import", new StringContent(DemoTrust.Json));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var bad = await lead.PostAsync("/api/directory/import", new StringContent("{ nope"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not valid JSON", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    private static async Task<DirectoryImportSummary> ImportAsync(SencoHubApp app, string json, bool removeAbsentPeople = false)
    {
        DirectoryImportSummary? summary = null;
        await app.WithScopeAsync(async services => summary = await services.GetRequiredService<ImportDirectory>().ImportAsync(json, removeAbsentPeople));
        return summary!;
    }

    private static async Task<SignedInPerson?> FindAsync(SencoHubApp app, string aadObjectId)
    {
        SignedInPerson? person = null;
        await app.WithScopeAsync(async services => person = await services.GetRequiredService<DirectoryService>().FindAsync(aadObjectId, default));
        return person;
    }

    private static Task<(int Schools, int People, int Roles, int HalfTerms)> CountsAsync(SencoHubApp app) =>
        app.WithDbAsync(async db => (
            await db.Set<School>().CountAsync(),
            await db.Set<Person>().CountAsync(),
            await db.Set<RoleAssignment>().CountAsync(),
            await db.Set<HalfTerm>().CountAsync()));
}
