using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>The action tracker end to end in Chromium: the SEND lead sets an action and reads the tracker; a headteacher acknowledges and updates it.</summary>
public sealed class ActionsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SendLead_SetsAnAction_AndReadsTheTracker_AHeadteacherAcknowledgesAndUpdates()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "Actions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set an action" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set an action" }));

        await page.GetByLabel("Title").FillAsync("Update the SEN register");
        await page.GetByLabel("Detail").FillAsync("Check every plan.\nRecord the review date.");
        await page.GetByLabel("Review area").SelectOptionAsync("TrackingAndMonitoring");
        await page.GetByLabel("Due date").FillAsync("2027-01-29");
        await page.GetByLabel("High", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Headteacher", new() { Exact = true }).CheckAsync();
        foreach (var school in new[] { "Oakfield Primary", "Ashgrove Primary", "Riverside Academy" })
        {
            await page.GetByLabel(school).CheckAsync();
        }

        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the action" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Update the SEN register" }));
        Assert.StartsWith("Set this action?", question, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Action set for 3 schools. 3 cards on the way in Teams." }));
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));

        await page.GotoAsync("/actions/tracker");
        var oak = page.Locator("table.tracker-grid tbody tr").Filter(new() { HasText = "Oakfield Primary" });
        await Expect(oak.GetByText("Not acknowledged"));
        Assert.Equal("Not set", (await page.Locator("table.tracker-grid tbody tr").Filter(new() { HasText = "Hillcrest High School" }).Locator("td").InnerTextAsync()).Trim());
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));

        // The headteacher of Oakfield finds it in their actions, acknowledges it and records progress.
        var headPage = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(headPage, DemoTrust.HeadteacherOf("nb-oak").Name);
        await headPage.GotoAsync("/actions");
        await headPage.GetByRole(AriaRole.Link, new() { Name = "Update the SEN register" }).ClickAsync();
        await headPage.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(headPage.GetByRole(AriaRole.Alert).Filter(new() { HasText = "your acknowledgement is recorded" }));
        await headPage.GetByText("Update progress").ClickAsync();
        await headPage.GetByLabel("Status").SelectOptionAsync("InProgress");
        await headPage.GetByLabel("Note (optional)").FillAsync("Years 1 to 3 checked; the rest next week.");
        await headPage.GetByLabel("Evidence link (optional)").FillAsync("https://northbrook.sharepoint.com/sites/send/register.xlsx");
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(headPage));
        await headPage.GetByRole(AriaRole.Button, new() { Name = "Save update" }).ClickAsync();
        await Expect(headPage.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your update is recorded." }));
        var log = headPage.Locator("table.update-log tbody tr");
        Assert.Equal(1, await log.CountAsync());
        Assert.Contains("Years 1 to 3 checked; the rest next week.", await log.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("https://northbrook.sharepoint.com/sites/send/register.xlsx", await log.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(headPage));

        // Back on the tracker, Oakfield shows both.
        await page.ReloadAsync();
        await Expect(oak.GetByText("In progress"));
        await Expect(oak.GetByText("Acknowledged 23 Nov 2026"));
        Assert.Empty(session.CspViolations);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync();
}

/// <summary>Every action page in each Teams theme: no serious accessibility problems and no CSP violations.</summary>
public sealed class ActionsThemeTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Theory]
    [InlineData("default")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task EveryActionPage_HasNoSeriousAccessibilityViolations_InEachTeamsTheme(string theme)
    {
        var id = await EnsureActionAsync();
        var problems = new List<string>();
        foreach (var (person, paths) in new[]
        {
            (DemoTrust.SendLead, new[] { "/actions", "/actions/tracker", "/actions/tracker?overdue=true", "/actions/new", $"/actions/{id}" }),
            (DemoTrust.HeadteacherOf("nb-oak"), new[] { "/actions", $"/actions/{id}" }),
            (DemoTrust.StaffOf("nb-oak"), new[] { "/actions", $"/actions/{id}" }),
        })
        {
            var page = await session.NewPageAsync();
            await page.GotoAsync($"/sign-in?theme={theme}");
            await BrowserSession.SignInAsAsync(page, person.Name);
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                Assert.Equal(theme, await page.Locator("html").GetAttributeAsync("data-theme"));
                problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"{person.Name} {path}: {p}"));
            }

            if (person == DemoTrust.SendLead)
            {
                // The form with its errors on show.
                await page.GotoAsync("/actions/new");
                await page.GetByLabel("Title").FillAsync("About A123456789012");
                await page.GetByLabel("Detail").FillAsync("Check the plan.");
                await page.GetByLabel("Review area").SelectOptionAsync("Leadership");
                await page.GetByLabel("Due date").FillAsync("2027-01-29");
                await page.GetByLabel("Oakfield Primary").CheckAsync();
                page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Set the action" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
                problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"form errors: {p}"));
            }
            else if (person == DemoTrust.HeadteacherOf("nb-oak"))
            {
                // The update form open, refused.
                await page.GotoAsync($"/actions/{id}");
                await page.GetByText("Update progress").ClickAsync();
                await page.GetByLabel("Evidence link (optional)").FillAsync("https://example.org/A123456789012");
                await page.GetByRole(AriaRole.Button, new() { Name = "Save update" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
                problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"update errors: {p}"));
            }
        }

        Assert.Empty(problems);
        Assert.Empty(session.CspViolations);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static int? _action;

    /// <summary>An action with some progress, so every part of the pages shows; made once through the API.</summary>
    private async Task<int> EnsureActionAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_action is { } made)
            {
                return made;
            }

            // On Kestrel the factory's own client does not know the port: talk to the server's address.
            var lead = await session.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
            var created = await lead.PostAsJsonAsync("/api/actions", new
            {
                title = "Update the SEN register", detail = "Check every plan.\nRecord the review date.", reviewArea = "Identification", priority = "High",
                dueOn = "2026-11-24", ownerRole = "Headteacher", schools = "all",
            });
            created.EnsureSuccessStatusCode();
            var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            var head = await session.App.ClientForAsync(DemoTrust.HeadteacherOf("nb-ash").AadObjectId);
            (await head.PostAsync($"/api/actions/{id}/schools/nb-ash/acknowledge", null)).EnsureSuccessStatusCode();
            (await head.PostAsJsonAsync($"/api/actions/{id}/schools/nb-ash/updates", new { status = "Blocked", note = "Waiting for the MIS export.", evidenceUrl = "https://example.org/evidence" })).EnsureSuccessStatusCode();
            session.App.Clock.Advance(TimeSpan.FromDays(3)); // due date passed: overdue parts show
            _action = id;
            return id;
        }
        finally
        {
            Once.Release();
        }
    }
}
