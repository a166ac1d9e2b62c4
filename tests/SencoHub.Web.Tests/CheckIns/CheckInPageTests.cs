using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Tests.Platform;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>The check-ins tab over HTTP with a signed-in browser's cookie.</summary>
public sealed partial class CheckInPageTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dashboard_ShowsTheRound_WithWordsInTheHeatmap_AndPeopleSeeOnlyTheirSchools(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var round = await OpenRoundAsync(app);
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak", a => a["q_concerns"] = "<script>alert('x')</script> & more"));
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-riv"), Answers(round, "nb-riv", a => a["q_leadership"] = "1"));

        var lead = await SignInAsync(app, DemoTrust.SendLead);
        var html = await lead.GetStringAsync("/checkins");

        Assert.Contains("<h2 id=\"round-heading\">Autumn 2 2026-27</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>2 of {DemoTrust.SchoolIds.Count}</strong> schools answered (25%)", html, StringComparison.Ordinal);
        var heatmap = Section(html, "<table class=\"heatmap\"", "</table>");
        Assert.Contains("<th scope=\"row\">Oakfield Primary</th>", heatmap, StringComparison.Ordinal);
        Assert.Contains("<span class=\"heat heat-3\">3 · Established</span>", heatmap, StringComparison.Ordinal);
        Assert.Contains("<span class=\"heat heat-1\">1 · Not yet in place</span>", heatmap, StringComparison.Ordinal);
        Assert.Contains("No answer", heatmap, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.Contains("Not answered yet (6)", html, StringComparison.Ordinal);
        Assert.Contains(DemoTrust.SencoOf("nb-bro").Name, Section(html, "id=\"outstanding-heading\"", "</table>"), StringComparison.Ordinal);
        Assert.Contains("<svg viewBox=\"0 0 640 220\" role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("Nudge now", html, StringComparison.Ordinal);

        var csv = await lead.GetAsync($"/checkins?handler=Export&round={round}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1 + DemoTrust.SchoolIds.Count, CheckInExportTests.ParseCsv((await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF')).Count);

        var senco = await SignInAsync(app, DemoTrust.SencoOf("nb-oak"));
        var own = await senco.GetStringAsync("/checkins");
        Assert.Equal(["Oakfield Primary"], RowHeaders(Section(own, "<table class=\"heatmap\"", "</tbody>")));
        Assert.DoesNotContain("Riverside Academy", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Nudge now", own, StringComparison.Ordinal);
        Assert.Contains("Self-evaluation at Oakfield Primary", own, StringComparison.Ordinal);

        var staff = await SignInAsync(app, DemoTrust.StaffOf("nb-oak"));
        var none = await staff.GetStringAsync("/checkins");
        Assert.Contains("results are for SENCOs, headteachers, the SEND lead and trustees", none, StringComparison.Ordinal);
        Assert.DoesNotContain("heatmap", none, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/checkins?handler=Export&round={round}&format=csv")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SendLead_OpensNudgesAndClosesARound_FromTheTab(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var lead = await SignInAsync(app, DemoTrust.SendLead);
        var page = await lead.GetStringAsync("/checkins");
        Assert.Contains("value=\"2026-12-11\"", page, StringComparison.Ordinal);

        var opened = await PostAsync(lead, "/checkins?handler=Open", page, new() { ["academicYear"] = "2026-27", ["halfTerm"] = "Autumn2", ["closesOn"] = "2026-12-11" });
        var round = await app.WithDbAsync(db => db.Set<CheckInRound>().SingleAsync());
        Assert.Equal($"/checkins?round={round.Id}", opened.Headers.Location?.ToString());
        page = await lead.GetStringAsync(opened.Headers.Location!.ToString());
        Assert.Contains($"Opened Autumn 2 2026-27: {Sencos.Sum(s => SchoolsOf(s).Count)} cards are on their way to SENCOs.", page, StringComparison.Ordinal);

        await PostAsync(lead, "/checkins?handler=Nudge", page, new() { ["round"] = round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        page = await lead.GetStringAsync($"/checkins?round={round.Id}");
        Assert.Contains($"Nudged {Sencos.Sum(s => SchoolsOf(s).Count)} SENCO(s) of {DemoTrust.SchoolIds.Count} school(s)", page, StringComparison.Ordinal);

        var again = await PostAsync(lead, "/checkins?handler=Open", page, new() { ["academicYear"] = "2026-27", ["halfTerm"] = "Autumn2", ["closesOn"] = "2026-12-11" });
        Assert.Contains("already has a check-in round", await lead.GetStringAsync(again.Headers.Location!.ToString()), StringComparison.Ordinal);

        await PostAsync(lead, "/checkins?handler=Close", page, new() { ["round"] = round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        page = await lead.GetStringAsync($"/checkins?round={round.Id}");
        Assert.Contains("Closed Autumn 2 2026-27.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nudge now", page, StringComparison.Ordinal);

        var head = await SignInAsync(app, DemoTrust.HeadteacherOf("nb-oak"));
        var headPage = await head.GetStringAsync("/checkins");
        var refused = await PostAsync(head, "/checkins?handler=Close", headPage, new() { ["round"] = round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, expectRedirect: false);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TemplateEditor_AddsRemovesReordersAndRequires_EachAsANewVersion(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var lead = await SignInAsync(app, DemoTrust.SendLead);
        var page = await lead.GetStringAsync("/checkins/template");
        Assert.Contains("Version 1, saved by", page, StringComparison.Ordinal);

        await PostAsync(lead, "/checkins/template?handler=Add", page, new()
        {
            ["basedOn"] = "1", ["add.Section"] = "support", ["add.Type"] = "Single", ["add.Label"] = "Best day for a visit",
            ["add.Required"] = "true", ["add.Choices"] = "Monday\nWednesday\nFriday",
        });
        page = await lead.GetStringAsync("/checkins/template");
        Assert.Contains("Added &quot;Best day for a visit&quot;. Saved as version 2", page, StringComparison.Ordinal);
        await PostAsync(lead, "/checkins/template?handler=Move", page, new() { ["basedOn"] = "2", ["question"] = "ehc-requests", ["direction"] = "up" });
        await PostAsync(lead, "/checkins/template?handler=Required", page, new() { ["basedOn"] = "3", ["question"] = "wins", ["required"] = "true" });
        await PostAsync(lead, "/checkins/template?handler=Remove", page, new() { ["basedOn"] = "4", ["question"] = "support-detail" });
        // An editor left open on an old version cannot overwrite newer changes.
        await PostAsync(lead, "/checkins/template?handler=Remove", page, new() { ["basedOn"] = "2", ["question"] = "wins" });
        page = await lead.GetStringAsync("/checkins/template");
        Assert.Contains("since you started from version 2", page, StringComparison.Ordinal);

        var current = await app.WithDbAsync(db => db.Set<CheckInTemplate>().OrderByDescending(t => t.Version).FirstAsync());
        Assert.Equal(5, current.Version);
        var survey = current.Definition;
        Assert.Equal(["sen-support", "ehc-requests", "ehc-plans"], survey.Sections[0].Questions.Select(q => q.Id));
        Assert.True(survey.Find("wins")!.Required);
        Assert.Null(survey.Find("support-detail"));
        var added = survey.Find("best-day-for-a-visit")!;
        Assert.Equal((QuestionType.Single, true, "support"), (added.Type, added.Required, survey.Sections.Single(s => s.Questions.Contains(added)).Id));
        Assert.Equal(["monday", "wednesday", "friday"], added.Options!.Select(o => o.Value));

        var senco = await SignInAsync(app, DemoTrust.SencoOf("nb-oak"));
        Assert.Equal(HttpStatusCode.Forbidden, (await senco.GetAsync("/checkins/template")).StatusCode);
    }

    private static Task<HttpClient> SignInAsync(SencoHubApp app, DemoPerson person) => SignInTests.SignedInBrowserAsync(app, person.AadObjectId);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, Dictionary<string, string> form, bool expectRedirect = true)
    {
        form["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(page);
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        if (expectRedirect)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return response;
    }

    private static string Section(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not on the page");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static List<string> RowHeaders(string table) => [.. RowHeader().Matches(table).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<th scope=\"row\">([^<]*)</th>")]
    private static partial Regex RowHeader();
}
