using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

/// <summary>Nothing in the tracker leans on the demo trust: another trust's ids and names, and a school with nobody in the owner role.</summary>
public sealed class AnotherTrustTests
{
    private const string Lead = "a1000000-0000-4000-8000-000000000001";
    private const string NorthHead = "a1000000-0000-4000-8000-000000000002";
    private const string SouthSenco = "a1000000-0000-4000-8000-000000000003";

    private static string Directory() => new JsonObject
    {
        ["trust"] = new JsonObject { ["name"] = "Riverbend Academies" },
        ["schools"] = new JsonArray(
            new JsonObject { ["id"] = "rb_north", ["name"] = "North Riverbend Academy", ["urn"] = "200001", ["phase"] = "Secondary" },
            new JsonObject { ["id"] = "rb_south", ["name"] = "South Riverbend Primary", ["urn"] = "200002", ["phase"] = "Primary" }),
        ["people"] = new JsonArray(
            Person(Lead, "Alex Morgan", new JsonObject { ["role"] = "SendLead" }),
            Person(NorthHead, "Jo Whitfield", new JsonObject { ["role"] = "Headteacher", ["school"] = "rb_north" }),
            Person(SouthSenco, "Ravi Mistry", new JsonObject { ["role"] = "Senco", ["school"] = "rb_south" })),
        ["halfTerms"] = new JsonArray(new JsonObject { ["academicYear"] = "2026-27", ["halfTerm"] = "Autumn2", ["start"] = "2026-11-02", ["end"] = "2026-12-18" }),
    }.ToJsonString();

    private static JsonObject Person(string id, string name, JsonObject role) => new()
    {
        ["aadObjectId"] = id, ["name"] = name, ["email"] = name.Replace(' ', '.').ToLowerInvariant() + "@riverbend.example.org", ["roles"] = new JsonArray(role),
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForEverySchool_ASchoolWithoutItsOwnerIsReported_AndStillChasedUpToTheSendLead(TestProvider provider)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("riverbend-");
        var seed = Path.Combine(folder.FullName, "trust.json");
        await File.WriteAllTextAsync(seed, Directory());
        try
        {
            await RunAsync(provider, seed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(TestProvider provider, string seed)
    {
        await using var app = await new SencoHubApp(provider).Setting("SencoHub:Directory:SeedFile", seed).Setting("SencoHub:Scheduling:Enabled", "false")
            .Setting("SencoHub:Actions:EscalateAfterSchoolDays", "2").StartAsync();
        using var lead = await app.ClientForAsync(Lead);

        var response = await lead.PostAsJsonAsync("/api/actions", new
        {
            title = "Publish the SEN information report", detail = "On the school website, in the new template.", reviewArea = "Leadership",
            priority = "Medium", dueOn = "2026-11-24", ownerRole = "Headteacher", schools = "all",
        });

        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)created["schools"]!);
        Assert.Equal(1, (int)created["cardsQueued"]!);
        Assert.Equal(["rb_south"], created["schoolsWithoutOwner"]!.AsArray().Select(s => (string)s!));
        var sent = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Topic == ActionMessages.AssignedTopic).Select(m => m.TargetAadObjectId).ToListAsync());
        Assert.Equal([NorthHead], sent);

        app.Clock.SetUtcNow(London(2026, 11, 27, 9));
        await ActionsTestKit.RunChaseAsync(app, app.Clock.GetUtcNow());

        var digest = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Topic == ActionMessages.EscalationTopic));
        Assert.Equal(Lead, digest.TargetAadObjectId);
        Assert.Contains("South Riverbend Primary", digest.ActivityJson, StringComparison.Ordinal);
        Assert.Contains("North Riverbend Academy", digest.ActivityJson, StringComparison.Ordinal);
        using var senco = await app.ClientForAsync(SouthSenco);
        (await senco.PostAsJsonAsync($"/api/actions/{(int)created["id"]!}/schools/rb_south/updates", new { status = "InProgress", note = "Draft written." })).EnsureSuccessStatusCode();
    }
}
