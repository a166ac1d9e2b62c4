using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>Shared steps for check-in tests: the demo trust's Autumn 2 2026-27, closing on 11 Dec 2026.</summary>
internal static class CheckInsTestKit
{
    public const string AcademicYear = "2026-27";
    public const string HalfTerm = "Autumn2";
    public const string ClosesOn = "2026-12-11";

    public static IReadOnlyList<DemoPerson> Sencos => DemoTrust.People.Where(p => p.Roles.Any(r => r.Role == "Senco")).ToList();

    public static IReadOnlyList<string> SchoolsOf(DemoPerson senco) => [.. senco.Roles.Where(r => r.Role == "Senco").Select(r => r.School!)];

    /// <summary>The app without its background schedule, so a test decides when jobs run.</summary>
    public static Task<TeamsApp> StartAsync(TestProvider provider) =>
        TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));

    public static async Task<int> OpenRoundAsync(SencoHubApp app, string halfTerm = HalfTerm, string closesOn = ClosesOn, string academicYear = AcademicYear)
    {
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var response = await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear, halfTerm, closesOn });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }

    /// <summary>A complete, valid answer to the default survey, as the card submits it (strings).</summary>
    public static Dictionary<string, object?> Answers(int round, string school, Action<Dictionary<string, object?>>? change = null)
    {
        var data = new Dictionary<string, object?>
        {
            ["round"] = round,
            ["school"] = school,
            ["q_sen-support"] = "42",
            ["q_ehc-plans"] = "7",
            ["q_ehc-requests"] = "2",
            ["q_leadership"] = "3",
            ["q_identification"] = "2",
            ["q_tracking"] = "3",
            ["q_teaching"] = "4",
            ["q_provision"] = "2",
            ["q_identification-comment"] = "Screening in Reception is new this year.",
            ["q_wins"] = "The nurture group has settled well.",
            ["q_concerns"] = "Waiting times for speech and language therapy.",
            ["q_support"] = "educational-psychologist,training",
            ["q_cpd"] = "adaptive-teaching,semh",
            ["q_wellbeing"] = "4",
        };
        change?.Invoke(data);
        return data;
    }

    public static Task<TeamsResponse> SubmitAsync(TeamsApp teams, DemoPerson senco, Dictionary<string, object?> data) =>
        teams.Teams.ExecuteAsync(senco, CheckInCards.SubmitVerb, data);

    public static Task<List<CheckInResponse>> ResponsesAsync(SencoHubApp app) =>
        app.WithDbAsync(db => db.Set<CheckInResponse>().AsNoTracking().OrderBy(r => r.SchoolId).ToListAsync());

    public static Task<List<CheckInResponseRevision>> RevisionsAsync(SencoHubApp app) =>
        app.WithDbAsync(db => db.Set<CheckInResponseRevision>().AsNoTracking().OrderBy(r => r.SchoolId).ThenBy(r => r.Revision).ToListAsync());

    public static Task<List<OutboxMessage>> OutboxAsync(SencoHubApp app, string topic) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Topic == topic).OrderBy(m => m.Id).ToListAsync());

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON as people read it: dashes, quotes and angle brackets unescaped, so tests can look for text.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? string.Empty;

    /// <summary>The card an invoke answered with, as readable JSON text.</summary>
    public static string CardOf(TeamsResponse response) => Json(response.Body?["value"]);

    /// <summary>A London wall-clock time on the fake clock (GMT in the winter term).</summary>
    public static DateTimeOffset London(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/London").GetUtcOffset(local));
    }
}
