using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Auth;

public sealed class TokenProviderTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Cache_ReusesTheToken_UntilFiveMinutesBeforeExpiry()
    {
        var acquisitions = 0;
        using var cache = new RefreshingTokenCache(
            _ => Task.FromResult(($"token-{++acquisitions}", _clock.GetUtcNow().AddHours(1))),
            _clock,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance);

        Assert.Equal("token-1", await cache.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-1", await cache.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("token-2", await cache.GetAsync(CancellationToken.None));
        Assert.Equal(2, acquisitions);
    }

    [Fact]
    public async Task Cache_AcquiresOnce_ForConcurrentCallers()
    {
        var acquisitions = 0;
        var release = new TaskCompletionSource();
        using var cache = new RefreshingTokenCache(
            async _ =>
            {
                Interlocked.Increment(ref acquisitions);
                await release.Task;
                return ("shared", _clock.GetUtcNow().AddHours(1));
            },
            _clock,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance);

        var callers = Enumerable.Range(0, 10).Select(_ => cache.GetAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), t => Assert.Equal("shared", t));
        Assert.Equal(1, acquisitions);
    }

    [Fact]
    public async Task Cache_DoesNotKeepAFailure()
    {
        var calls = 0;
        using var cache = new RefreshingTokenCache(
            _ => ++calls == 1 ? throw new InvalidOperationException("token endpoint down") : Task.FromResult(("ok", _clock.GetUtcNow().AddHours(1))),
            _clock,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(CancellationToken.None).AsTask());
        Assert.Equal("ok", await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ManagedIdentity_AsksForTheBotFrameworkResource_AndRefreshesBeforeExpiry()
    {
        var credential = new RecordingCredential(_clock);
        using var provider = new ManagedIdentityTokenProvider(new BotCredentialsOptions { ManagedIdentityClientId = "mi-client" }, credential, _clock);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var again = await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(56));
        var renewed = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("mi-1", first);
        Assert.Equal("mi-1", again);
        Assert.Equal("mi-2", renewed);
        Assert.Equal(["https://api.botframework.com/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task ClientCredentials_UseMsal_AgainstTheTokenEndpoint_WithTheBotFrameworkScope()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        issuer.ClientSecrets["bot-app"] = "s3cret";
        using var provider = new ClientCredentialsTokenProvider(
            new BotCredentialsOptions { AppId = "bot-app", ClientSecret = "s3cret" },
            httpClientFactory: new LoopbackMsalHttpClientFactory(issuer.BaseUri));

        var token = await provider.GetTokenAsync(CancellationToken.None);
        var cached = await provider.GetTokenAsync(CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(token, cached);
        var (tenant, form) = Assert.Single(issuer.TokenRequests);
        Assert.Equal("botframework.com", tenant);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Equal("https://api.botframework.com", Assert.Single(jwt.Audiences));
    }

    [Fact]
    public async Task ClientCredentials_ForASingleTenantBot_UseItsTenant()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        issuer.ClientSecrets["bot-app"] = "s3cret";
        using var provider = new ClientCredentialsTokenProvider(
            new BotCredentialsOptions { AppId = "bot-app", ClientSecret = "s3cret", TenantId = "11111111-2222-3333-4444-555555555555" },
            httpClientFactory: new LoopbackMsalHttpClientFactory(issuer.BaseUri));

        await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("11111111-2222-3333-4444-555555555555", Assert.Single(issuer.TokenRequests).TenantId);
    }

    [Fact]
    public async Task ClientCredentials_WithAWrongSecret_Fail()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        issuer.ClientSecrets["bot-app"] = "s3cret";
        using var provider = new ClientCredentialsTokenProvider(
            new BotCredentialsOptions { AppId = "bot-app", ClientSecret = "wrong" },
            httpClientFactory: new LoopbackMsalHttpClientFactory(issuer.BaseUri));

        await Assert.ThrowsAnyAsync<MsalException>(() => provider.GetTokenAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public void Factory_PicksTheProviderTheConfigurationAsksFor()
    {
        Assert.IsType<NoTokenProvider>(BotTokenProviders.Create(new BotCredentialsOptions()));
        Assert.IsType<ManagedIdentityTokenProvider>(BotTokenProviders.Create(new BotCredentialsOptions { AppId = "a", ManagedIdentityClientId = "mi" }));
        Assert.IsType<ClientCredentialsTokenProvider>(BotTokenProviders.Create(new BotCredentialsOptions { AppId = "a", ClientSecret = "s" }));
        Assert.Throws<ArgumentException>(() => BotTokenProviders.Create(new BotCredentialsOptions { AppId = "a" }));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/teams", true)]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.com/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://teams.microsoft.com.evil.com/", false)]
    [InlineData("http://127.0.0.1:5000/", false)]
    public void TrustedHosts_AreTheTeamsServiceHosts(string serviceUrl, bool trusted)
    {
        Assert.Equal(trusted, new TrustedServiceHosts().IsTrusted(new Uri(serviceUrl)));
    }

    [Fact]
    public void TrustedHosts_AcceptConfiguredExtras_OverHttp()
    {
        Assert.True(new TrustedServiceHosts(["127.0.0.1"]).IsTrusted(new Uri("http://127.0.0.1:5000/amer/")));
    }

    private sealed class RecordingCredential(TimeProvider clock) : TokenCredential
    {
        private int _issued;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"mi-{++_issued}", clock.GetUtcNow().AddHours(1)));
        }
    }

    /// <summary>MSAL talks HTTPS to login.microsoftonline.com; send those requests to the loopback issuer instead.</summary>
    private sealed class LoopbackMsalHttpClientFactory(Uri loopback) : IMsalHttpClientFactory
    {
        private readonly HttpClient _client = new(new RedirectHandler(loopback) { InnerHandler = new HttpClientHandler() });

        public HttpClient GetHttpClient() => _client;

        private sealed class RedirectHandler(Uri loopback) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Assert.Equal("login.microsoftonline.com", request.RequestUri!.Host);
                request.RequestUri = new Uri(loopback, request.RequestUri.PathAndQuery.TrimStart('/'));
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
