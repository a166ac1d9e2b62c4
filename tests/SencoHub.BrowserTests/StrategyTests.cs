using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>The strategy tab end to end in Chromium: the SEND lead writes, previews, publishes and reads the board; headteachers and SENCOs read it.</summary>
public sealed class StrategyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SendLead_EditsPreviewsPublishes_AndReadsTheBoard_ThenHeadteachersAndSencosReadIt()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "Strategy", Exact = true }).ClickAsync();
        await Expect(page.GetByText("The trust has not published its SEND strategy yet."));
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a new version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start version 1 of the strategy" }));

        await page.GetByLabel("Title", new() { Exact = true }).First.FillAsync("Northbrook SEND strategy 2026-29");
        await page.Locator("#strategy-vision").FillAsync("## Our vision\n\nEvery teacher is a **teacher of SEND**.\n\n<script>window.hacked = 1</script>");
        await FillPriorityAsync(page, 0, "Consistent early identification", "Identification", 3, "SENCOs");
        await FillPriorityAsync(page, 1, "SEND on every leadership agenda", "Leadership", 6, "Headteachers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.Locator("section.preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Preview of version 1 (not saved)" }));
        Assert.Equal("teacher of SEND", await preview.Locator(".markdown strong").InnerTextAsync());
        Assert.Contains("<script>", await preview.Locator(".markdown").InnerTextAsync(), StringComparison.Ordinal); // shown as text, never run
        Assert.True(await page.EvaluateAsync<bool>("() => window.hacked === undefined"));
        Assert.Equal(["Leadership", "Identification"], await preview.Locator(".review-area h3").AllInnerTextsAsync());
        Assert.Equal("Northbrook SEND strategy 2026-29", await page.Locator("#strategy-title").InputValueAsync()); // the form keeps what was typed
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));

        // Cancelling the confirmation publishes nothing (Playwright dismisses dialogs nobody handles).
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start version 1 of the strategy" }));
        Assert.EndsWith("/strategy/edit?handler=Preview", page.Url, StringComparison.Ordinal);

        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version 1: Northbrook SEND strategy 2026-29" }));
        Assert.StartsWith("Publish version 1? Every headteacher and SENCO", question, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Version 1 is published" }));
        var outstanding = page.Locator("table.acknowledgement-board tr.row-outstanding");
        Assert.Equal(DemoTrust.SchoolIds.Count, await outstanding.CountAsync());
        Assert.Contains(await outstanding.AllInnerTextsAsync(), row => row.Contains(DemoTrust.HeadteacherOf("nb-oak").Name, StringComparison.Ordinal));
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Nudge now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"Reminded {DemoTrust.SchoolIds.Count} headteachers" }));

        // A headteacher reads it and acknowledges from the tab.
        var head = DemoTrust.HeadteacherOf("nb-oak");
        var headPage = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(headPage, head.Name);
        await headPage.GotoAsync("/strategy");
        await Expect(headPage.GetByRole(AriaRole.Heading, new() { Name = "Northbrook SEND strategy 2026-29" }));
        Assert.Equal(["Leadership", "Identification"], await headPage.Locator(".review-area h3").AllInnerTextsAsync());
        await headPage.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(headPage.GetByText("You acknowledged this version on 23 Nov 2026."));
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(headPage));

        // A SENCO reads it, with nothing to acknowledge.
        var sencoPage = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(sencoPage, DemoTrust.SencoOf("nb-riv").Name);
        await sencoPage.GotoAsync("/strategy");
        await Expect(sencoPage.GetByRole(AriaRole.Heading, new() { Name = "Northbrook SEND strategy 2026-29" }));
        Assert.Equal(0, await sencoPage.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).CountAsync());
        Assert.Equal(0, await sencoPage.GetByRole(AriaRole.Link, new() { Name = "Start a new version" }).CountAsync());

        // Back on the board, the headteacher's row is no longer outstanding.
        await page.ReloadAsync();
        var oak = page.Locator("table.acknowledgement-board tbody tr").Filter(new() { HasText = "Oakfield Primary" });
        await Expect(oak.GetByText("Acknowledged 23 Nov 2026"));
        Assert.Equal(DemoTrust.SchoolIds.Count - 1, await outstanding.CountAsync());
        Assert.Empty(session.CspViolations);
    }

    private static async Task FillPriorityAsync(IPage page, int index, string title, string area, int timeframe, string owner)
    {
        await page.Locator($"#priority-{index}-title").FillAsync(title);
        await page.Locator($"#priority-{index}-reviewArea").SelectOptionAsync(area);
        await page.Locator($"#priority-{index}-timeframe").FillAsync(timeframe.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"#priority-{index}-owner").FillAsync(owner);
        await page.Locator($"#priority-{index}-description").FillAsync("What every school will do.\nAnd how.");
        await page.Locator($"#priority-{index}-successMeasures").FillAsync("How we will know.");
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync();
}

/// <summary>Every strategy page in each Teams theme: no serious accessibility problems and no CSP violations.</summary>
public sealed class StrategyThemeTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Theory]
    [InlineData("default")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task EveryStrategyPage_HasNoSeriousAccessibilityViolations_InEachTeamsTheme(string theme)
    {
        var (first, _) = await EnsureTwoVersionsAsync();
        var problems = new List<string>();
        foreach (var (person, paths) in new[]
        {
            (DemoTrust.SendLead, new[] { "/strategy", $"/strategy/{first}", "/strategy/edit", "/strategy/acknowledgements", $"/strategy/acknowledgements/{first}" }),
            (DemoTrust.HeadteacherOf("nb-hil"), new[] { "/strategy" }),
            (DemoTrust.SencoOf("nb-hil"), new[] { "/strategy" }),
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
                // The editor with a preview and with errors on show.
                await page.GotoAsync("/strategy/edit");
                await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
                problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"preview: {p}"));
                await page.Locator("#strategy-vision").FillAsync("About A123456789012");
                await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
                problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"errors: {p}"));
            }
        }

        Assert.Empty(problems);
        Assert.Empty(session.CspViolations);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (int First, int Second)? _versions;

    /// <summary>Two published versions (so pages show "what changed" and an old version), made once through the API.</summary>
    private async Task<(int First, int Second)> EnsureTwoVersionsAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_versions is { } made)
            {
                return made;
            }

            using var lead = await session.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
            var first = await PublishAsync(lead, "Trust SEND strategy 2026-29", "Adaptive teaching CPD for all staff");
            var second = await PublishAsync(lead, "Trust SEND strategy 2026-29, revised", "Shared provision maps");
            _versions = (first, second);
            return (first, second);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<int> PublishAsync(HttpClient lead, string title, string extraPriority)
    {
        var created = await lead.PostAsJsonAsync("/api/strategy/versions", new
        {
            title,
            vision = "## Our vision\n\nEvery teacher is a **teacher of SEND**, with [the Code of Practice](https://www.gov.uk/) to hand.\n\n- one\n- two",
            priorities = new[]
            {
                new { title = "Consistent early identification", description = "Screen every new starter.", reviewArea = "Identification", successMeasures = "All screened.", owner = "SENCOs", timeframe = 3 },
                new { title = extraPriority, description = "Across every school.", reviewArea = "TeachingAndIntervention", successMeasures = "Everyone trained.", owner = "Trust SEND lead", timeframe = 6 },
            },
        });
        created.EnsureSuccessStatusCode();
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await lead.PostAsync($"/api/strategy/versions/{id}/publish", null)).EnsureSuccessStatusCode();
        return id;
    }
}
