using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SencoHub.Teams.Testing;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>The check-ins tab in Chromium: the heatmap in every Teams theme, and the SEND lead editing the survey.</summary>
public sealed class CheckInsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Theory]
    [InlineData("default")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task Heatmap_IsVisible_SaysItInWords_AndIsAccessible_InEachTeamsTheme(string theme)
    {
        await EnsureAnswersAsync();
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);

        await page.GotoAsync($"/checkins?theme={theme}");

        var heatmap = page.GetByRole(AriaRole.Table, new() { Name = "Self-evaluation by school and review area" });
        await Assertions.Expect(heatmap).ToBeVisibleAsync();
        var oak = heatmap.GetByRole(AriaRole.Row, new() { Name = "Oakfield Primary" });
        await Assertions.Expect(oak.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("3 · Established");
        await Assertions.Expect(heatmap.GetByRole(AriaRole.Row, new() { Name = "Riverside Academy" }).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("1 · Not yet in place");
        await Assertions.Expect(heatmap.GetByRole(AriaRole.Row, new() { Name = "Brookside Special School" }).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("No answer");
        // Colour repeats the words: the lowest and highest bands differ in colour too.
        var low = await heatmap.Locator(".heat-1").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor + '/' + getComputedStyle(e).color");
        var high = await heatmap.Locator(".heat-4").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor + '/' + getComputedStyle(e).color");
        Assert.NotEqual(low, high);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Average self-evaluation across the trust") })).ToBeVisibleAsync();
        await page.GetByText("Show the figures").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Average self-evaluation") })).ToBeVisibleAsync();

        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        await page.GotoAsync("/checkins/template");
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        var senco = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(senco, DemoTrust.SencoOf("nb-oak").Name);
        await senco.GotoAsync($"/checkins?theme={theme}");
        await Assertions.Expect(senco.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Self-evaluation at Oakfield Primary") })).ToBeVisibleAsync();
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(senco));
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task SendLead_EditsTheSurvey_InTheTab()
    {
        var page = await session.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);
        await page.GotoAsync("/checkins");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the check-in questions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check-in questions" })).ToBeVisibleAsync();
        var counts = page.Locator("section[aria-labelledby='section-counts'] li.question");

        await page.GetByRole(AriaRole.Button, new() { Name = "Up: Pupils with an EHC plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Moved. Saved as version");
        await Assertions.Expect(counts.First).ToContainTextAsync("Pupils with an EHC plan");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make required: Wins this half-term" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The question is now required.");
        await Assertions.Expect(page.Locator("li[data-question='wins']")).ToContainTextAsync("Required");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove: Anything more about the support you would like" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Removed.");
        await Assertions.Expect(page.Locator("li[data-question='support-detail']")).ToHaveCountAsync(0);

        await page.GetByLabel("Section", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Support and training" });
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Yes or no" });
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync("Would you like a visit from the SEND lead?");
        await page.GetByLabel("Required", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the question" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Added \"Would you like a visit from the SEND lead?\"");
        var added = page.Locator("section[aria-labelledby='section-support'] li.question").Last;
        await Assertions.Expect(added).ToContainTextAsync("Would you like a visit from the SEND lead?");
        await Assertions.Expect(added).ToContainTextAsync("Yes or no");
        await Assertions.Expect(added).ToContainTextAsync("Required");
        var lead = await session.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var template = (await lead.GetFromJsonAsync<JsonObject>("/api/checkins/template"))!;
        Assert.True((int)template["version"]! >= 5);
        Assert.Contains(template["sections"]!.AsArray().SelectMany(s => s!["questions"]!.AsArray()), q => (string?)q!["id"] == "would-you-like-a-visit-from-the-se");
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        Assert.Empty(session.CspViolations);
    }

    /// <summary>A round with three schools' answers, sent through /api/messages as Teams would (once per browser session).</summary>
    private async Task EnsureAnswersAsync()
    {
        var lead = await session.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        if ((await lead.GetFromJsonAsync<JsonArray>("/api/checkins/rounds"))!.Count > 0)
        {
            return;
        }

        var created = await lead.PostAsJsonAsync("/api/checkins/rounds", new { academicYear = "2026-27", halfTerm = "Autumn2", closesOn = "2026-12-11" });
        var round = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await using var connector = await LoopbackConnector.StartAsync();
        var teams = new TeamsClient(new HttpClient { BaseAddress = session.App.ServerUri }, connector);
        foreach (var (school, leadership) in new[] { ("nb-oak", "3"), ("nb-riv", "1"), ("nb-hil", "4") })
        {
            var response = await teams.ExecuteAsync(DemoTrust.SencoOf(school), "checkins.submit", new Dictionary<string, object?>
            {
                ["round"] = round, ["school"] = school, ["q_sen-support"] = "40", ["q_ehc-plans"] = "6", ["q_ehc-requests"] = "1",
                ["q_leadership"] = leadership, ["q_identification"] = "2", ["q_tracking"] = "3", ["q_teaching"] = "4", ["q_provision"] = "2",
                ["q_wellbeing"] = "3", ["q_support"] = "training", ["q_concerns"] = "<b>Staffing</b> & cover",
            });
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response.Body?["type"]);
        }
    }
}
