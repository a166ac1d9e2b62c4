using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>
/// The tab as Teams hosts it: the page loads the Teams JavaScript SDK from Microsoft's CDN, which
/// these tests answer with a stand-in giving the context Teams would (theme, deep-link sub-page).
/// </summary>
public sealed partial class TeamsHostTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task CardDeepLink_OpensThePageItNames_InTheTeamsTheme_AndFollowsThemeChanges()
    {
        var page = await SignedInTabAsync(theme: "dark", subPageId: "/strategy");

        await page.GotoAsync("/actions?inTeams=1");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/strategy");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.EvaluateAsync("() => window.teamsThemeChanged('contrast')");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "contrast");
        Assert.Empty(session.CspViolations);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("https://evil.example/steal")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/actions\" onmouseover=\"x")]
    public async Task DeepLinkOffThisSite_IsNotFollowed(string subPageId)
    {
        var page = await SignedInTabAsync(theme: "dark", subPageId: subPageId);

        await page.GotoAsync("/actions?inTeams=1");

        // The theme is applied in the same step that decides on the deep link.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("/actions", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task DeepLink_IsFollowedOnlyWhenTeamsLoadsTheTab_NotOnEveryLaterPage()
    {
        var page = await SignedInTabAsync(theme: "default", subPageId: "/strategy");
        await page.GotoAsync("/actions?inTeams=1");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/strategy");

        // Moving around the tab afterwards: the context still names the sub-page, but it was opened.
        await page.GotoAsync("/checkins");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "default");
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("/checkins", new Uri(page.Url).AbsolutePath);
    }

    private async Task<IPage> SignedInTabAsync(string theme, string subPageId)
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsAsync(page, DemoTrust.HeadteacherOf(DemoTrust.SchoolIds[0]).Name);
        var context = JsonSerializer.Serialize(new { app = new { theme }, page = new { id = "actions", subPageId } });
        await page.RouteAsync(TeamsSdk(), route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/javascript",
            // The layout loads the SDK with crossorigin="anonymous".
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            Body = $$"""
                window.microsoftTeams = {
                  app: {
                    initialize: function () { return Promise.resolve(); },
                    getContext: function () { return Promise.resolve({{context}}); },
                    registerOnThemeChangeHandler: function (handler) { window.teamsThemeChanged = handler; }
                  },
                  authentication: { getAuthToken: function () { return Promise.reject(new Error('no SSO here')); } }
                };
                """,
        }));
        return page;
    }

    [GeneratedRegex(@"^https://res\.cdn\.office\.net/teams-js/")]
    private static partial Regex TeamsSdk();
}
