using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;

namespace SencoHub.Web.Tests.Actions;

/// <summary>Bodies and calls the action tests share: what a SEND lead and schools send through the API and Teams.</summary>
internal static class ActionsTestKit
{
    public static readonly string[] ThreeSchools = ["nb-oak", "nb-ash", "nb-riv"];

    public static JsonObject Body(string title = "Update the SEN register", string? dueOn = "2027-01-29", string ownerRole = "Headteacher",
        JsonNode? schools = null, string? reviewArea = "Identification", string priority = "High", int? priorityId = null,
        string detail = "Check every pupil on SEN support has a current plan, and record the review date.")
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["detail"] = detail,
            ["reviewArea"] = reviewArea,
            ["priority"] = priority,
            ["dueOn"] = dueOn,
            ["ownerRole"] = ownerRole,
            ["schools"] = schools ?? new JsonArray([.. ThreeSchools.Select(s => (JsonNode)s)]),
        };
        if (priorityId is not null)
        {
            body["priorityId"] = priorityId;
        }

        return body;
    }

    public static JsonArray Schools(params string[] ids) => new([.. ids.Select(s => (JsonNode)s)]);

    public static async Task<JsonObject> CreateAsync(HttpClient lead, JsonObject body)
    {
        var response = await lead.PostAsJsonAsync("/api/actions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Creates an action as the demo SEND lead; returns its id.</summary>
    public static async Task<int> CreateAsync(SencoHubApp app, JsonObject? body = null)
    {
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        return (int)(await CreateAsync(lead, body ?? Body()))["id"]!;
    }

    public static async Task<JsonObject> GetAsync(SencoHubApp app, DemoPerson person, string path)
    {
        using var client = await app.ClientForAsync(person.AadObjectId);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 from {path}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) is JsonObject obj ? obj : new JsonObject { ["items"] = JsonNode.Parse(text) };
    }

    public static async Task<JsonArray> ListAsync(SencoHubApp app, DemoPerson person, string query = "")
    {
        using var client = await app.ClientForAsync(person.AadObjectId);
        var response = await client.GetAsync("/api/actions" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    public static JsonObject School(JsonNode action, string schoolId) =>
        action["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == schoolId)!.AsObject();

    /// <summary>The latest action card in a conversation (sent or updated), once it has arrived.</summary>
    public static async Task<JsonObject> ActionCardAsync(TeamsApp teams, string conversationId, string? containing = null)
    {
        bool Match(ReceivedActivity m) => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal)
            && (containing is null || m.Json.ToJsonString().Contains(containing, StringComparison.Ordinal));
        await Eventually.TrueAsync(() => teams.Connector.Messages(conversationId).Any(Match), $"an action card in {conversationId}" + (containing is null ? string.Empty : $" with \"{containing}\""));
        return Card(teams.Connector.Messages(conversationId).Last(Match).Json);
    }

    public static JsonObject Card(JsonObject activity) => activity["attachments"]![0]!["content"]!.AsObject();

    /// <summary>Every action on a card, including those inside Action.ShowCard cards.</summary>
    public static IEnumerable<JsonObject> AllActions(JsonObject card) =>
        (card["actions"]?.AsArray().OfType<JsonObject>() ?? []).SelectMany(a =>
            (string?)a["type"] == "Action.ShowCard" ? [a, .. AllActions(a["card"]!.AsObject())] : new[] { a });

    public static Task RunChaseAsync(SencoHubApp app, DateTimeOffset now) =>
        app.WithScopeAsync(services => services.GetRequiredService<SendActionReminders>().RunAsync(now, CancellationToken.None));

    /// <summary>Press Acknowledge on the card as Teams does.</summary>
    public static Task<TeamsResponse> AcknowledgeAsync(TeamsApp teams, DemoPerson person, int actionId, string schoolId) =>
        teams.Teams.ExecuteAsync(person, ActionCards.AcknowledgeVerb, new { actionId, schoolId });

    /// <summary>Save update on the card: the button's data merged with the inputs, as Teams sends it.</summary>
    public static Task<TeamsResponse> UpdateAsync(TeamsApp teams, DemoPerson person, int actionId, string schoolId, string status, string? note = null, string? evidenceUrl = null) =>
        teams.Teams.ExecuteAsync(person, ActionCards.UpdateVerb, new { actionId, schoolId, status, note = note ?? string.Empty, evidenceUrl = evidenceUrl ?? string.Empty });
}
