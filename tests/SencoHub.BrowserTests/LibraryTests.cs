using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>The library tab in Chromium, in each Teams theme: a SENCO contributes, the SEND lead approves, the SENCO finds and opens it; axe on every page.</summary>
public sealed class LibraryTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    // A 1×1 PNG header: the upload checks a picture's type by its signature.
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    [Theory]
    [InlineData("default")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task ASenco_Contributes_TheSendLeadApproves_ThenItIsFoundAndOpened_InEachTeamsTheme(string theme)
    {
        var title = $"Visual timetable symbols {theme}";
        var problems = new List<string>();
        async Task CheckAsync(IPage page, string where)
        {
            Assert.Equal(theme, await page.Locator("html").GetAttributeAsync("data-theme"));
            problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"{where}: {p}"));
        }

        var senco = await session.NewPageAsync();
        await senco.GotoAsync($"/sign-in?theme={theme}");
        await BrowserSession.SignInAsAsync(senco, DemoTrust.SencoOf(DemoTrust.SchoolIds[0]).Name);
        await senco.GetByRole(AriaRole.Link, new() { Name = "Library", Exact = true }).ClickAsync();
        await CheckAsync(senco, "library");
        await senco.GetByRole(AriaRole.Link, new() { Name = "Contribute a resource" }).ClickAsync();
        await CheckAsync(senco, "contribute form");

        // First with a pupil number in the summary: refused, with the problem shown.
        await senco.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await senco.GetByLabel("Summary").FillAsync("Made for A123456789012.");
        await senco.GetByLabel("Category").SelectOptionAsync("Template");
        await senco.GetByLabel("High quality teaching and intervention", new() { Exact = true }).CheckAsync();
        await senco.GetByLabel("A file").SetInputFilesAsync(new FilePayload { Name = "symbols.png", MimeType = "image/png", Buffer = Png });
        await senco.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
        await Assertions.Expect(senco.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was added");
        await CheckAsync(senco, "contribute form with errors");

        await senco.GetByLabel("Summary").FillAsync("Picture symbols for a visual timetable, for pupils who need to see the day ahead.");
        await senco.GetByLabel("A file").SetInputFilesAsync(new FilePayload { Name = "symbols.png", MimeType = "image/png", Buffer = Png });
        await senco.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
        await Assertions.Expect(senco.GetByRole(AriaRole.Alert)).ToContainTextAsync("waiting for the SEND lead's approval");
        await CheckAsync(senco, "my contributions");

        var lead = await session.NewPageAsync();
        await lead.GotoAsync($"/sign-in?theme={theme}");
        await BrowserSession.SignInAsAsync(lead, DemoTrust.SendLead.Name);
        await lead.GotoAsync("/library");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Approval queue" }).ClickAsync();
        await CheckAsync(lead, "approval queue");
        await lead.GetByRole(AriaRole.Link, new() { Name = $"Edit the description of “{title}”" }).ClickAsync();
        await Assertions.Expect(lead.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await CheckAsync(lead, "editing a contribution");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Save the description" }).ClickAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = $"Approve “{title}”" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Alert)).ToContainTextAsync("is in the library");
        await CheckAsync(lead, "approval queue after approving");

        await senco.GotoAsync("/library");
        await senco.GetByLabel("Search the library").FillAsync($"timetable {theme}");
        await senco.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(senco.Locator(".result h3")).ToHaveTextAsync([title]);
        await CheckAsync(senco, "search results");
        await senco.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(senco.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(senco, "resource page");
        var download = await senco.RunAndWaitForDownloadAsync(() => senco.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Equal("symbols.png", download.SuggestedFilename);

        await lead.GotoAsync("/library/stale");
        await CheckAsync(lead, "stale list");
        Assert.Empty(problems);
        Assert.Empty(session.CspViolations);
    }
}
