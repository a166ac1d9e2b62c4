using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

public sealed class ShellTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Senco_SignsIn_AndSeesHomeWithTheirSchoolsAndHalfTerm()
    {
        var senco = DemoTrust.SencoOfTwoSchools;
        var page = await session.NewPageAsync();

        await BrowserSession.SignInAsAsync(page, senco.Name);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {senco.Name}" }));
        var roles = await page.Locator("#roles-heading + ul").InnerTextAsync();
        Assert.Contains("SENCO at Ashgrove Primary", roles);
        Assert.Contains("SENCO at Willowbank Infant and Nursery", roles);
        Assert.Contains("Autumn 2 2026-27", await page.Locator("section[aria-labelledby='term-heading']").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).CountAsync());
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task SendLead_SeesAdmin_WithSchoolsPeopleAndHalfTerms()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin: Northbrook Learning Trust" }));
        Assert.Equal(DemoTrust.SchoolIds.Count, await page.Locator("table[aria-labelledby='schools-heading'] tbody tr").CountAsync());
        Assert.Equal(DemoTrust.People.Count, await page.Locator("table[aria-labelledby='people-heading'] tbody tr").CountAsync());
        Assert.Empty(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task Senco_Gets403OnAdmin_WithAFriendlyPage()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SencoOf("nb-oak").Name);

        var response = await page.GotoAsync("/admin");

        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page." }));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("dark")]
    [InlineData("contrast")]
    public async Task EveryShellPage_HasNoSeriousAccessibilityViolations_InEachTeamsTheme(string theme)
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync($"/sign-in?theme={theme}");
        Assert.Equal(theme, await page.Locator("html").GetAttributeAsync("data-theme"));
        var problems = new List<string>();
        problems.AddRange(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        await page.GotoAsync("/dev/sign-in");
        problems.AddRange(await BrowserSession.SeriousAccessibilityViolationsAsync(page));
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);
        foreach (var path in new[] { "/", "/admin", "/admin/term-dates", "/error/404", "/about", "/privacy", "/terms", "/tab-config" })
        {
            await page.GotoAsync(path);
            Assert.Equal(theme, await page.Locator("html").GetAttributeAsync("data-theme"));
            problems.AddRange((await BrowserSession.SeriousAccessibilityViolationsAsync(page)).Select(p => $"{path}: {p}"));
        }

        Assert.Empty(problems);
        Assert.Empty(session.CspViolations);
    }

    [Fact]
    public async Task LongWork_ShowsProgress_WhileTheFormPosts()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.SendLead.Name);
        await page.GotoAsync("/admin");
        var file = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, DemoTrust.Json);
        await page.Locator("#directory-file").SetInputFilesAsync(file);
        // Freeze the moment after submit (as on a slow connection) by keeping the browser from navigating.
        await page.EvaluateAsync("() => document.addEventListener('submit', e => e.preventDefault())");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Importing the directory" }));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).IsDisabledAsync());
        File.Delete(file);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync();
}
