using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Tests.Platform;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class ActionPageTests
{
    private static async Task<(IDocument Page, string Html)> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return (new HtmlParser().ParseDocument(html), html);
    }

    private static async Task<IDocument> PostAsync(HttpClient browser, string path, string formPage, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(formPage);
        var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheSendLead_SetsAnActionWithTheForm_AndReadsItInTheTracker(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false").StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var (_, form) = await PageAsync(lead, "/actions/new");

        var response = await lead.PostAsync("/actions/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Update the SEN register",
            ["Input.Detail"] = "Check every plan.\nRecord the review date.",
            ["Input.ReviewArea"] = "TrackingAndMonitoring",
            ["Input.Priority"] = "High",
            ["Input.DueOn"] = "2026-11-25",
            ["Input.OwnerRole"] = "Headteacher",
            ["Input.Schools"] = "nb-oak",
            ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(form),
        }.Concat([new("Input.Schools", "nb-riv")])));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/', '?')[2], CultureInfo.InvariantCulture);
        var (detail, _) = await PageAsync(lead, response.Headers.Location.OriginalString);
        Assert.Contains("Action set for 2 schools. 2 cards on the way in Teams.", detail.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Check every plan.\nRecord the review date.", detail.QuerySelector("p.plain-text")!.TextContent);

        // Oakfield acknowledges and is blocked; the due date passes for Riverside.
        using (var oak = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId))
        {
            (await oak.PostAsync($"/api/actions/{id}/schools/nb-oak/acknowledge", null)).EnsureSuccessStatusCode();
            (await oak.PostAsync($"/api/actions/{id}/schools/nb-oak/updates", System.Net.Http.Json.JsonContent.Create(new { status = "Blocked", note = "Waiting for the MIS export." }))).EnsureSuccessStatusCode();
        }

        app.Clock.SetUtcNow(London(2026, 11, 26, 10));
        lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var (tracker, _) = await PageAsync(lead, "/actions/tracker");

        Assert.Equal(["Update the SEN register"], tracker.QuerySelectorAll("table.tracker-grid thead th a").Select(a => a.TextContent));
        Assert.Equal(["Due 25 Nov 2026 · High"], tracker.QuerySelectorAll("table.tracker-grid thead th small").Select(small => small.TextContent));
        var rows = tracker.QuerySelectorAll("table.tracker-grid tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => Squash(r.QuerySelector("td")!.TextContent));
        Assert.Equal(DemoTrust.SchoolIds.Count, rows.Count);
        Assert.Equal("Blocked Overdue Acknowledged 23 Nov 2026", rows["Oakfield Primary"]);
        Assert.Equal("Not started Overdue Not acknowledged", rows["Riverside Academy"]);
        Assert.Equal("Not set", rows["Hillcrest High School"]);
        Assert.Equal("cell-overdue", tracker.QuerySelectorAll("table.tracker-grid tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Riverside Academy").QuerySelector("td")!.ClassName);
        Assert.Equal(["Not linked to a strategy priority"], tracker.QuerySelectorAll("section[aria-labelledby='by-priority-heading'] h3").Select(h => h.TextContent));
        Assert.Equal(["Oakfield Primary", "Riverside Academy"], tracker.QuerySelectorAll("table.overdue-list tbody th").Select(th => th.TextContent));

        // Filters narrow the grid and the export.
        var (blocked, _) = await PageAsync(lead, "/actions/tracker?status=Blocked&school=nb-oak");
        Assert.Equal(["Oakfield Primary"], blocked.QuerySelectorAll("table.tracker-grid tbody th").Select(th => th.TextContent));
        var (done, _) = await PageAsync(lead, "/actions/tracker?status=Done");
        Assert.Contains("No actions match", done.QuerySelector("section[aria-labelledby='grid-heading']")!.TextContent, StringComparison.Ordinal);
        var export = await lead.GetAsync(tracker.QuerySelectorAll(".export-links a").First().GetAttribute("href"));
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, ExportActionsTests.ReadCsv(await export.Content.ReadAsByteArrayAsync()).Count);

        // The action's page shows each school's log.
        var (page, _) = await PageAsync(lead, $"/actions/{id}");
        var oakSection = page.QuerySelectorAll("section.school-part").Single(s => s.QuerySelector("h3")!.TextContent == "Oakfield Primary");
        Assert.Equal("Waiting for the MIS export.", oakSection.QuerySelector("table.update-log td.note")!.TextContent);
        Assert.Contains("No updates yet", page.QuerySelectorAll("section.school-part").Single(s => s.QuerySelector("h3")!.TextContent == "Riverside Academy").TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Acknowledge']")); // the SEND lead acknowledges nothing
        Assert.NotNull(page.QuerySelector("form[action*='handler=Withdraw']"));
    }

    [Fact]
    public async Task TheForm_RefusesBadInput_ByField_KeepsWhatWasTyped_AndStoresNothing()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var (_, form) = await PageAsync(lead, "/actions/new");

        var page = await PostAsync(lead, "/actions/new", form, new Dictionary<string, string>
        {
            ["Input.Title"] = "Follow up A123456789012",
            ["Input.Detail"] = "Details",
            ["Input.Priority"] = "High",
            ["Input.DueOn"] = "2026-11-20",
            ["Input.OwnerRole"] = "Headteacher",
        });

        Assert.Contains("Nothing was saved", page.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("unique pupil number", page.QuerySelector("#error-title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("has passed", page.QuerySelector("#error-dueOn")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose the review area", page.QuerySelector("#error-reviewArea")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("at least one school", page.QuerySelector("#error-schools")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#action-title")!.GetAttribute("aria-invalid"));
        Assert.Equal("Follow up A123456789012", page.QuerySelector("#action-title")!.GetAttribute("value"));
        Assert.Equal(0, await CountAsync<ActionItem>(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AHeadteacher_SeesTheirActions_AcknowledgesAndUpdatesFromTheTab_AndNothingElse(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false").StartAsync();
        var mine = await CreateAsync(app, Body(title: "For Oakfield and others"));
        var theirs = await CreateAsync(app, Body(title: "For Hillcrest", schools: Schools("nb-hil")));
        var head = await SignInTests.SignedInBrowserAsync(app, DemoTrust.HeadteacherOf("nb-oak").AadObjectId);

        var (list, _) = await PageAsync(head, "/actions");
        Assert.Equal(["For Oakfield and others"], list.QuerySelectorAll("section[aria-labelledby='mine-heading'] tbody td:first-child").Select(td => td.TextContent));
        Assert.Null(list.QuerySelector("a[href='/actions/new']"));

        var (page, html) = await PageAsync(head, $"/actions/{mine}");
        Assert.Equal(["Oakfield Primary"], page.QuerySelectorAll("section.school-part h3").Select(h => h.TextContent)); // not the other schools
        var acknowledged = await PostAsync(head, $"/actions/{mine}?handler=Acknowledge", html, new() { ["schoolId"] = "nb-oak" });
        Assert.Contains("your acknowledgement is recorded", acknowledged.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Acknowledged by {DemoTrust.HeadteacherOf("nb-oak").Name} on 23 Nov 2026", acknowledged.QuerySelector("section.school-part")!.TextContent, StringComparison.Ordinal);

        var refused = await PostAsync(head, $"/actions/{mine}?handler=Update", html, new() { ["schoolId"] = "nb-oak", ["status"] = "InProgress", ["evidenceUrl"] = "http://example.org" });
        Assert.Contains("Nothing was saved", refused.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://", refused.QuerySelector("section.school-part .field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("http://example.org", refused.QuerySelector("#evidence-nb-oak")!.GetAttribute("value"));

        var updated = await PostAsync(head, $"/actions/{mine}?handler=Update", html, new() { ["schoolId"] = "nb-oak", ["status"] = "InProgress", ["note"] = "Started with Year 1." });
        Assert.Contains("Your update is recorded", updated.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Started with Year 1.", updated.QuerySelector("table.update-log td.note")!.TextContent);
        var otherSchool = await PostAsync(head, $"/actions/{mine}?handler=Update", html, new() { ["schoolId"] = "nb-riv", ["status"] = "Done" });
        Assert.Contains("Only the school's headteacher or SENCO", otherSchool.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ActionUpdate>().CountAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/actions/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync("/actions/tracker")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync("/actions/new")).StatusCode);
        var trustee = await SignInTests.SignedInBrowserAsync(app, DemoTrust.Trustee.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await trustee.GetAsync("/actions/tracker")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trustee.GetAsync("/actions/new")).StatusCode);
    }
}
