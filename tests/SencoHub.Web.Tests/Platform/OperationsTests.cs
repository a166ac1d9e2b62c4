using System.Net;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

public sealed class OperationsTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_Is200WithTheDatabaseChecked(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownApiRoute_IsProblemDetails_AndUnknownPageIsTheFriendlyPage()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var api = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var missing = await api.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var browser = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var page = await browser.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("That page was not found", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_CanBeFramedByTeamsOnly()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var response = await app.CreateClient().GetAsync("/sign-in");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", csp);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }
}
