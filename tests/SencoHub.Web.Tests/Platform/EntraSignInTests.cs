using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

/// <summary>Teams SSO / Entra tokens, validated by Microsoft.Identity.Web against OpenID metadata served on loopback.</summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private LoopbackEntra _entra = null!;
    private SencoHubApp _app = null!;

    public async Task InitializeAsync()
    {
        _entra = await LoopbackEntra.StartAsync();
        _app = await new SencoHubApp(environment: "Production")
            .Setting("SencoHub:Auth:Entra:Instance", _entra.Instance)
            .Setting("SencoHub:Auth:Entra:TenantId", _entra.TenantId)
            .Setting("SencoHub:Auth:Entra:ClientId", _entra.ClientId)
            .Setting("SencoHub:Auth:Entra:ApplicationIdUri", $"api://sencohub.example.org/{_entra.ClientId}")
            .StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task ValidToken_ForSomeoneInTheDirectory_ReachesTheApi()
    {
        Assert.Equal(HttpStatusCode.OK, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId)));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId, audience: $"api://sencohub.example.org/{_entra.ClientId}")));
    }

    [Fact]
    public async Task ValidToken_ForSomeoneNotInTheDirectory_Is403() =>
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(_entra.Mint("not-in-directory")));

    [Fact]
    public async Task Expired_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId,
            notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-2))));

    [Fact]
    public async Task WrongAudience_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId, audience: "api://some-other-app")));

    [Fact]
    public async Task WrongIssuer_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId,
            issuer: "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0")));

    [Fact]
    public async Task WrongKey_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId, key: LoopbackEntra.UnpublishedKey())));

    [Fact]
    public async Task TokenWithoutTheTabScope_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(_entra.Mint(DemoTrust.SendLead.AadObjectId, scope: "User.Read")));

    [Fact]
    public async Task SsoExchange_StartsTheCookieSessionForThePages()
    {
        // Production cookies are Secure, as Teams requires of a framed tab: browse over https.
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        var exchange = new HttpRequestMessage(HttpMethod.Post, "/auth/teams-sso");
        exchange.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _entra.Mint(DemoTrust.SencoOf("nb-oak").AadObjectId));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(exchange)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SsoExchange_WithABadToken_Is401_AndForAStranger403()
    {
        var client = _app.CreateClient();
        var bad = new HttpRequestMessage(HttpMethod.Post, "/auth/teams-sso");
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _entra.Mint("x", key: LoopbackEntra.UnpublishedKey()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bad)).StatusCode);

        var stranger = new HttpRequestMessage(HttpMethod.Post, "/auth/teams-sso");
        stranger.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _entra.Mint("stranger"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(stranger)).StatusCode);
    }

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }
}
