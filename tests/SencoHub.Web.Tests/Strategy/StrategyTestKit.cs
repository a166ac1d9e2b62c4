using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Strategy;

namespace SencoHub.Web.Tests.Strategy;

/// <summary>Bodies and calls the strategy tests share: what a SEND lead would send through the API.</summary>
internal static class StrategyTestKit
{
    public static JsonObject Priority(string title, string reviewArea = "Identification", int timeframe = 3, string? key = null,
        string owner = "Trust SEND lead", string description = "Every school screens new starters in their first half-term.",
        string successMeasures = "Screening completed for all new starters.")
    {
        var priority = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["reviewArea"] = reviewArea,
            ["successMeasures"] = successMeasures,
            ["owner"] = owner,
            ["timeframe"] = timeframe,
        };
        if (key is not null)
        {
            priority["key"] = key;
        }

        return priority;
    }

    public static JsonObject Body(string title = "Trust SEND strategy 2026-29", string vision = "## Our vision\n\nEvery teacher is a **teacher of SEND**.", params JsonObject[] priorities) => new()
    {
        ["title"] = title,
        ["vision"] = vision,
        ["priorities"] = new JsonArray([.. (priorities.Length > 0 ? priorities : DefaultPriorities()).Select(p => (JsonNode)p)]),
    };

    public static JsonObject[] DefaultPriorities() =>
    [
        Priority("Consistent early identification", "Identification"),
        Priority("SEND on every leadership agenda", "Leadership", 6, owner: "Headteachers"),
        Priority("Adaptive teaching CPD for all staff", "TeachingAndIntervention", 4, owner: "SENCOs"),
    ];

    public static async Task<int> CreateDraftAsync(HttpClient lead, JsonObject body)
    {
        var response = await lead.PostAsJsonAsync("/api/strategy/versions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public static async Task<JsonObject> PublishAsync(HttpClient lead, int id)
    {
        var response = await lead.PostAsync($"/api/strategy/versions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Creates and publishes a version as the demo SEND lead; returns its id.</summary>
    public static async Task<int> PublishNewVersionAsync(SencoHubApp app, JsonObject? body = null)
    {
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var id = await CreateDraftAsync(lead, body ?? Body());
        await PublishAsync(lead, id);
        return id;
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"Not problem details ({response.Content.Headers.ContentType}): {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static Task<int> CountAsync<T>(SencoHubApp app) where T : class =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Set<T>()));

    /// <summary>What the scheduler does every few minutes: resolve the job in a scope and run it for "now".</summary>
    public static Task RunNudgeJobAsync(SencoHubApp app, DateTimeOffset now) =>
        app.WithScopeAsync(services => services.GetRequiredService<SendStrategyNudges>().RunAsync(now, CancellationToken.None));

    /// <summary>A local (Europe/London) wall-clock time as the instant the fake clock needs.</summary>
    public static DateTimeOffset London(int year, int month, int day, int hour = 9, int minute = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
