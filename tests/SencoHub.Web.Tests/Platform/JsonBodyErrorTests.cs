using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SencoHub.Testing;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Platform;

/// <summary>A JSON body the API cannot read is refused by the field that could not be read, in every environment.</summary>
public sealed class JsonBodyErrorTests
{
    [Fact]
    public async Task AValueOfTheWrongType_IsRefusedByItsJsonPath()
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var problem = await ProblemAsync(await lead.PostAsync("/api/strategy/versions", Json("""
            { "title": "Strategy", "vision": "Vision", "priorities": [ { "title": "P", "timeframe": "next year" } ] }
            """)), HttpStatusCode.BadRequest);

        Assert.Equal(["priorities[0].timeframe"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("priorities[0].timeframe", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("parameter", (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BrokenJson_IsRefusedAsTheBody()
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var problem = await ProblemAsync(await lead.PostAsync("/api/actions", Json("{ nope")), HttpStatusCode.BadRequest);

        Assert.Equal(["body"], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task OutsideDevelopment_AValueOfTheWrongType_IsAnsweredTheSameWay()
    {
        await using var entra = await LoopbackEntra.StartAsync();
        await using var app = await new SencoHubApp(environment: "Production")
            .Setting("SencoHub:Auth:Entra:Instance", entra.Instance)
            .Setting("SencoHub:Auth:Entra:TenantId", entra.TenantId)
            .Setting("SencoHub:Auth:Entra:ClientId", entra.ClientId)
            .StartAsync();
        var lead = app.CreateClient();
        lead.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", entra.Mint(DemoTrust.SendLead.AadObjectId));

        var problem = await ProblemAsync(await lead.PostAsync("/api/actions", Json("""{ "title": "T", "priorityId": "first" }""")), HttpStatusCode.BadRequest);

        Assert.Equal(["priorityId"], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
