using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SencoHub.Testing;
using SencoHub.Web.Features.CheckIns;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary><c>/api/checkins</c> over HTTP with bearer tokens: template, rounds, results, exports, refusals.</summary>
public sealed class CheckInApiTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Template_IsVersioned_AndOpenRoundsKeepTheVersionTheyStartedWith(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var template = (await lead.GetFromJsonAsync<JsonObject>("/api/checkins/template"))!;
        Assert.Equal(1, (int)template["version"]!);
        var questions = template["sections"]!.AsArray().SelectMany(s => s!["questions"]!.AsArray()).ToList();
        Assert.Equal(["sen-support", "ehc-plans", "ehc-requests"], questions.Take(3).Select(q => (string)q!["id"]!));
        Assert.Equal(5, questions.Count(q => (string?)q!["type"] == "rating" && q["area"] is not null));
        Assert.Equal(["educational-psychologist", "speech-language", "training", "send-review", "advice-visit", "other"],
            questions.Single(q => (string?)q!["purpose"] == "supportWanted")!["options"]!.AsArray().Select(o => (string)o!["value"]!));

        var round = await OpenRoundAsync(app);

        // Version 2 adds a required yes/no question at the start.
        var sections = template["sections"]!.DeepClone().AsArray();
        sections[0]!["questions"]!.AsArray().Insert(0, new JsonObject { ["id"] = "visit-wanted", ["type"] = "yesNo", ["label"] = "Would you like a visit?", ["required"] = true });
        var put = await lead.PutAsJsonAsync("/api/checkins/template", new JsonObject { ["basedOnVersion"] = 1, ["sections"] = sections });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (int)(await put.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);

        // The open round still asks version 1's questions: no visit question, and answers without it are complete.
        var accepted = await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", accepted.Type);
        Assert.DoesNotContain("visit-wanted", CardOf(accepted), StringComparison.Ordinal);
        var results = (await lead.GetFromJsonAsync<JsonObject>($"/api/checkins/rounds/{round}/results"))!;
        Assert.Equal(1, (int)results["templateVersion"]!);

        // The next round asks version 2's.
        var next = await OpenRoundAsync(app, halfTerm: "Spring1", closesOn: "2027-02-05");
        var missing = await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(next, "nb-oak"));
        Assert.Contains("Would you like a visit?", CardOf(missing), StringComparison.Ordinal);
        Assert.Contains("One answer needs changing", CardOf(missing), StringComparison.Ordinal);
        var yes = await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(next, "nb-oak", a => a["q_visit-wanted"] = "yes"));
        Assert.Contains("Received", CardOf(yes), StringComparison.Ordinal);

        // A stale editor, another role, and a broken template are refused with problem details.
        var stale = await lead.PutAsJsonAsync("/api/checkins/template", new JsonObject { ["basedOnVersion"] = 1, ["sections"] = sections.DeepClone() });
        await AssertProblemAsync(stale, HttpStatusCode.Conflict, "since you started from version 1");
        var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        await AssertProblemAsync(await senco.PutAsJsonAsync("/api/checkins/template", new JsonObject { ["sections"] = sections.DeepClone() }), HttpStatusCode.Forbidden, null);
        var broken = sections.DeepClone().AsArray();
        broken[0]!["questions"]![1]!["id"] = "visit-wanted";
        broken[1]!["questions"]![0]!["scale"] = new JsonArray("Only one point");
        broken[2]!["questions"]![0]!["area"] = "leadership";
        var invalid = await lead.PutAsJsonAsync("/api/checkins/template", new JsonObject { ["sections"] = broken });
        var problem = await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, null);
        Assert.Equal(["sections[0].questions[1].id", "sections[1].questions[0].scale", "sections[2].questions[0].area"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await AssertProblemAsync(await lead.PutAsync("/api/checkins/template", new StringContent("{ \"sections\": [ { \"questions\": [ { \"type\": \"slider\" } ] } ] }", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "not in a form SencoHub can read");
        await AssertProblemAsync(await lead.PutAsync("/api/checkins/template", new StringContent("{ nope", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, null);
        await AssertProblemAsync(await lead.PutAsync("/api/checkins/template", new StringContent(new string(' ', 70_000) + "{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge, null);
        Assert.Equal(2, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/checkins/template"))!["version"]!);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpeningARound_ChecksItsInput_AndRefusesASecondRoundForTheSameHalfTerm(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var created = await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "Autumn2", closesOn = "2026-12-11" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/checkins/rounds/{(int)body["id"]!}", created.Headers.Location?.ToString());
        Assert.Equal(("Autumn 2 2026-27", "2026-12-11", DemoTrust.SchoolIds.Count), ((string)body["name"]!, (string)body["closesOn"]!, (int)body["schools"]!));

        await AssertProblemAsync(await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "Autumn2", closesOn = "2026-12-11" }),
            HttpStatusCode.Conflict, "Autumn 2 2026-27 already has a check-in round");
        var invalid = await AssertProblemAsync(await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026/27", halfTerm = "Autumn3", closesOn = "11/12/2026" }),
            HttpStatusCode.BadRequest, null);
        Assert.Equal(["academicYear", "closesOn", "halfTerm"], invalid["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await AssertProblemAsync(await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "Spring1", closesOn = "2026-11-20" }),
            HttpStatusCode.BadRequest, "already passed");
        await AssertProblemAsync(await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "3", closesOn = "2027-02-01" }),
            HttpStatusCode.BadRequest, "Give the half-term");
        await AssertProblemAsync(await lead.PostAsync("/api/checkins/rounds", new StringContent("{ not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, null);
        var head = await teams.App.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        await AssertProblemAsync(await head.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "Spring1", closesOn = "2027-02-05" }),
            HttpStatusCode.Forbidden, null);
        await AssertProblemAsync(await lead.PostAsync("/api/checkins/rounds/9999/close", null), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await lead.GetAsync("/api/checkins/rounds/9999/results"), HttpStatusCode.NotFound, null);

        var rounds = (await lead.GetFromJsonAsync<JsonArray>("/api/checkins/rounds"))!;
        var only = Assert.Single(rounds)!;
        Assert.Equal((true, 0, DemoTrust.SchoolIds.Count, 1), ((bool)only["isOpen"]!, (int)only["responded"]!, (int)only["expected"]!, (int)only["templateVersion"]!));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Results_MatchTheAnswers_AndEachPersonSeesOnlyTheSchoolsTheyMay(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        // A previous round, so counts have a change to show.
        var autumn1 = await OpenRoundAsync(app, halfTerm: "Autumn1", closesOn: "2026-11-24");
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(autumn1, "nb-oak", a => (a["q_sen-support"], a["q_leadership"]) = ("40", "2")));
        var round = await OpenRoundAsync(app);
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak"));
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-riv"), Answers(round, "nb-riv", a =>
        {
            (a["q_sen-support"], a["q_ehc-plans"], a["q_leadership"]) = ("100", "20", "1");
            a["q_support"] = "speech-language";
            a["q_concerns"] = "Staffing in the resource base.";
            a["q_wellbeing"] = "2";
        }));

        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var results = (await lead.GetFromJsonAsync<JsonObject>($"/api/checkins/rounds/{round}/results"))!;

        Assert.Equal((2, DemoTrust.SchoolIds.Count), ((int)results["responseRate"]!["responded"]!, (int)results["responseRate"]!["expected"]!));
        var heatmap = results["heatmap"]!;
        Assert.Equal(["Leadership", "Identification", "Tracking and monitoring progress", "High quality teaching and intervention", "Developing provision"],
            heatmap["columns"]!.AsArray().Select(c => (string)c!["areaName"]!));
        var oak = heatmap["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-oak")!;
        Assert.Equal([3, 2, 3, 4, 2], oak["cells"]!.AsArray().Select(c => (int)c!["value"]!));
        Assert.Equal("Established", (string?)oak["cells"]![0]!["label"]);
        var riv = heatmap["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-riv")!;
        Assert.Equal((1, "Not yet in place", 1), ((int)riv["cells"]![0]!["value"]!, (string)riv["cells"]![0]!["label"]!, (int)riv["cells"]![0]!["band"]!));
        Assert.All(heatmap["rows"]!.AsArray().Where(r => !(bool)r!["responded"]!), r => Assert.All(r!["cells"]!.AsArray(), Assert.Null));
        Assert.Equal(2.0, (double)heatmap["averages"]![0]!);

        var senSupport = results["counts"]!.AsArray().Single(c => (string?)c!["questionId"] == "sen-support")!;
        Assert.Equal((142, 40, 102), ((int)senSupport["total"]!, (int)senSupport["previousTotal"]!, (int)senSupport["change"]!));
        var oakCount = senSupport["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-oak")!;
        Assert.Equal((42, 40, 2), ((int)oakCount["value"]!, (int)oakCount["previous"]!, (int)oakCount["change"]!));

        var support = results["tallies"]!.AsArray().Single(t => (string?)t!["purpose"] == "supportWanted")!;
        Assert.Equal(1, Count(support, "educational-psychologist"));
        Assert.Equal(1, Count(support, "speech-language"));
        Assert.Equal(1, Count(support, "training"));
        Assert.Equal(0, Count(support, "send-review"));
        var cpd = results["tallies"]!.AsArray().Single(t => (string?)t!["purpose"] == "cpdNeeds")!;
        Assert.Equal(2, Count(cpd, "adaptive-teaching"));
        var concerns = results["textAnswers"]!.AsArray().Single(t => (string?)t!["purpose"] == "concerns")!["answers"]!.AsArray();
        Assert.Equal(["Waiting times for speech and language therapy.", "Staffing in the resource base."],
            concerns.OrderBy(c => (string?)c!["schoolId"] == "nb-riv" ? 1 : 0).Select(c => (string)c!["text"]!));
        var wellbeing = results["ratings"]!.AsArray().Single(r => (string?)r!["purpose"] == "wellbeing")!;
        Assert.Equal(3.0, (double)wellbeing["average"]!);

        var trends = results["trends"]!;
        Assert.Equal(["Autumn 1 2026-27", "Autumn 2 2026-27"], trends["rounds"]!.AsArray().Select(r => (string)r!["roundName"]!));
        var oakTrend = trends["schools"]!.AsArray().Single(s => (string?)s!["schoolId"] == "nb-oak")!["areas"]![0]!;
        Assert.Equal([2.0, 3.0], oakTrend["values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([2.0, 2.0], trends["trustAverage"]![0]!["values"]!.AsArray().Select(v => (double)v!));

        // A SENCO and a headteacher see their own school only; a trustee sees all; staff see none.
        foreach (var person in new[] { DemoTrust.SencoOf("nb-oak"), DemoTrust.HeadteacherOf("nb-oak") })
        {
            var client = await app.ClientForAsync(person.AadObjectId);
            var own = (await client.GetFromJsonAsync<JsonObject>($"/api/checkins/rounds/{round}/results"))!;
            Assert.Equal(["nb-oak"], own["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!));
            Assert.Equal((1, 1), ((int)own["responseRate"]!["responded"]!, (int)own["responseRate"]!["expected"]!));
            Assert.DoesNotContain("Staffing in the resource base", own.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(42, (int)own["counts"]![0]!["total"]!);
            var list = (await client.GetFromJsonAsync<JsonArray>("/api/checkins/rounds"))!;
            Assert.All(list, r => Assert.Equal(1, (int)r!["expected"]!));
        }

        var trustee = await app.ClientForAsync(DemoTrust.Trustee.AadObjectId);
        Assert.Equal(DemoTrust.SchoolIds.Count, (await trustee.GetFromJsonAsync<JsonObject>($"/api/checkins/rounds/{round}/results"))!["schools"]!.AsArray().Count);
        var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        await AssertProblemAsync(await staff.GetAsync($"/api/checkins/rounds/{round}/results"), HttpStatusCode.Forbidden, "for SENCOs, headteachers");
        await AssertProblemAsync(await staff.GetAsync($"/api/checkins/rounds/{round}/export?format=csv"), HttpStatusCode.Forbidden, null);
        await AssertProblemAsync(await staff.GetAsync("/api/checkins/rounds"), HttpStatusCode.Forbidden, null);
    }

    internal static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, (int)problem["status"]!);
        if (detail is not null)
        {
            Assert.Contains(detail, (string?)problem["detail"] ?? string.Empty, StringComparison.Ordinal);
        }

        return problem;
    }

    private static int Count(JsonNode tally, string value) => (int)tally["options"]!.AsArray().Single(o => (string?)o!["value"] == value)!["count"]!;
}
