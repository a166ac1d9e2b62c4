using Microsoft.Extensions.Time.Testing;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Auth;

public sealed class IssuerFixture : IAsyncLifetime
{
    public LoopbackOpenIdIssuer Issuer { get; private set; } = null!;

    public async Task InitializeAsync() => Issuer = await LoopbackOpenIdIssuer.StartAsync();

    public async Task DisposeAsync() => await Issuer.DisposeAsync();
}

public sealed class BotTokenValidatorTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    public static BotAuthenticationOptions Options(LoopbackOpenIdIssuer issuer) => new()
    {
        AppId = TokenCorpus.AppId,
        BotFrameworkOpenIdMetadataUrl = issuer.BotFrameworkMetadataUrl,
        EntraOpenIdMetadataUrlTemplate = issuer.EntraMetadataUrlTemplate,
        RequireHttpsMetadata = false,
        AllowedTenantIds = { TokenCorpus.TenantId, "another-allowed-tenant" },
    };

    private BotTokenValidator Validator(LoopbackOpenIdIssuer? issuer = null, TimeProvider? time = null)
    {
        var options = Options(issuer ?? fixture.Issuer);
        return new BotTokenValidator(options, new OpenIdMetadataCache(_http, options, time), time);
    }

    [Theory]
    [MemberData(nameof(TokenCorpus.BadCases), MemberType = typeof(TokenCorpus))]
    public async Task BadRequest_IsRefused_WithTheRightStatus(TokenCase @case)
    {
        var activity = TokenCorpus.Activity();
        @case.Mutate?.Invoke(activity);

        var result = await Validator().ValidateAsync(@case.Header(fixture.Issuer), activity, CancellationToken.None);

        Assert.False(result.Succeeded, $"{@case.Name} was accepted");
        Assert.Equal(@case.ExpectedStatus, result.StatusCode);
        Assert.Null(result.Caller);
        Assert.False(string.IsNullOrEmpty(result.FailureReason));
    }

    [Fact]
    public void Corpus_HasAtLeastTwelveBadRequests_CoveringBothStatuses()
    {
        Assert.True(TokenCorpus.Bad.Count >= 12);
        Assert.Contains(TokenCorpus.Bad, c => c.ExpectedStatus == 403);
        Assert.Contains(TokenCorpus.Bad, c => c.ExpectedStatus == 401);
    }

    [Theory]
    [MemberData(nameof(TokenCorpus.GoodCases), MemberType = typeof(TokenCorpus))]
    public async Task ValidToken_IsAccepted(TokenCase @case)
    {
        var result = await Validator().ValidateAsync(@case.Header(fixture.Issuer), TokenCorpus.Activity(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(200, result.StatusCode);
        Assert.True(result.Caller!.IsAuthenticated);
    }

    [Fact]
    public async Task BotFrameworkToken_DescribesTheCaller()
    {
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);

        var result = await Validator().ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(BotTokenIssuer.BotFramework, result.Caller!.Issuer);
        Assert.Equal(TokenCorpus.ServiceUrl, result.Caller.ServiceUrl);
        Assert.Equal("bf-channel-app", result.Caller.CallerAppId);
        Assert.Equal(TokenCorpus.TenantId, result.Caller.TenantId);
        Assert.Equal(TokenCorpus.AppId, result.Caller.Identity!.FindFirst("aud")!.Value);
    }

    [Fact]
    public async Task EntraToken_DescribesTheCallerTenant()
    {
        var header = "Bearer " + fixture.Issuer.CreateEntraToken(TokenCorpus.TenantId, TokenCorpus.AppId, serviceUrl: TokenCorpus.ServiceUrl, callerAppId: TokenCorpus.AppId);

        var result = await Validator().ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(BotTokenIssuer.Entra, result.Caller!.Issuer);
        Assert.Equal(TokenCorpus.TenantId, result.Caller.TenantId);
        Assert.Equal(TokenCorpus.AppId, result.Caller.CallerAppId);
    }

    [Fact]
    public async Task WithNoTenantConfigured_EntraTokensAreRefused_BotFrameworkTokensAreNot()
    {
        var options = Options(fixture.Issuer);
        options.AllowedTenantIds.Clear();
        var validator = new BotTokenValidator(options, new OpenIdMetadataCache(_http, options));
        var entra = "Bearer " + fixture.Issuer.CreateEntraToken(TokenCorpus.TenantId, TokenCorpus.AppId, serviceUrl: TokenCorpus.ServiceUrl, callerAppId: TokenCorpus.AppId);
        var botFramework = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);

        var refused = await validator.ValidateAsync(entra, TokenCorpus.Activity(), CancellationToken.None);
        var accepted = await validator.ValidateAsync(botFramework, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("no tenant", refused.FailureReason, StringComparison.Ordinal);
        Assert.True(accepted.Succeeded, accepted.FailureReason);
    }

    [Fact]
    public async Task Metadata_IsFetchedOnce_ThenCached()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        var validator = Validator(issuer);
        var header = "Bearer " + issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await validator.ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None)).Succeeded);
        }

        Assert.Equal(1, issuer.MetadataRequests);
        Assert.Equal(1, issuer.KeyRequests);
    }

    [Fact]
    public async Task UnknownKeyId_RefreshesMetadata_AndAcceptsTheRotatedKey()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        var validator = Validator(issuer);
        var before = "Bearer " + issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);
        Assert.True((await validator.ValidateAsync(before, TokenCorpus.Activity(), CancellationToken.None)).Succeeded);

        issuer.RotateBotFrameworkKey();
        var after = "Bearer " + issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);
        var result = await validator.ValidateAsync(after, TokenCorpus.Activity(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, issuer.KeyRequests);
        Assert.True((await validator.ValidateAsync(after, TokenCorpus.Activity(), CancellationToken.None)).Succeeded);
        Assert.Equal(2, issuer.KeyRequests);
    }

    [Fact]
    public async Task UnknownKeyIds_ForceAtMostOneRefetchPerInterval()
    {
        await using var issuer = await LoopbackOpenIdIssuer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var validator = Validator(issuer, clock);
        using var stranger = new TestSigningKey();
        var forged = "Bearer " + issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl, key: stranger);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await validator.ValidateAsync(forged, TokenCorpus.Activity(), CancellationToken.None)).StatusCode);
        }

        Assert.Equal(2, issuer.KeyRequests);
        clock.Advance(TimeSpan.FromMinutes(1));
        await validator.ValidateAsync(forged, TokenCorpus.Activity(), CancellationToken.None);
        Assert.Equal(3, issuer.KeyRequests);
    }

    [Theory]
    [InlineData(-4, true)]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public async Task Expiry_AllowsFiveMinutesOfClockSkew(int minutesPastExpiry, bool accepted)
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(30);
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl, expires.AddHours(-1), expires);
        var clock = new FakeTimeProvider(expires.AddMinutes(minutesPastExpiry));

        var result = await Validator(time: clock).ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public async Task NotBefore_AllowsFiveMinutesOfClockSkew(int minutesEarly, bool accepted)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(10);
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl, notBefore, notBefore.AddHours(1));
        var clock = new FakeTimeProvider(notBefore.AddMinutes(-minutesEarly));

        var result = await Validator(time: clock).ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task WithoutAnAppId_NoTokenIsValid()
    {
        var options = Options(fixture.Issuer);
        options.AppId = null;
        var validator = new BotTokenValidator(options, new OpenIdMetadataCache(_http, options));
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);

        var result = await validator.ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(401, result.StatusCode);
    }

    [Fact]
    public async Task HttpsMetadata_IsRequiredByDefault()
    {
        var options = Options(fixture.Issuer);
        options.RequireHttpsMetadata = true;
        var validator = new BotTokenValidator(options, new OpenIdMetadataCache(_http, options));
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);

        var result = await validator.ValidateAsync(header, TokenCorpus.Activity(), CancellationToken.None);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal("signing keys are unavailable", result.FailureReason);
    }

    [Theory]
    [InlineData("https://api.botframework.com", BotTokenIssuer.BotFramework, null)]
    [InlineData("https://login.microsoftonline.com/t-1/v2.0", BotTokenIssuer.Entra, "t-1")]
    [InlineData("https://sts.windows.net/t-1/", BotTokenIssuer.Entra, "t-1")]
    [InlineData("https://api.botframework.com/", BotTokenIssuer.None, null)]
    [InlineData("https://login.microsoftonline.com/t-1/v2.0/evil", BotTokenIssuer.None, null)]
    [InlineData("https://sts.windows.net/a/b/", BotTokenIssuer.None, null)]
    [InlineData("http://sts.windows.net/t-1/", BotTokenIssuer.None, null)]
    public void Issuers_AreClassifiedStrictly(string issuer, BotTokenIssuer expected, string? tenant)
    {
        Assert.Equal(expected, BotTokenValidator.ClassifyIssuer(issuer, out var actualTenant));
        Assert.Equal(tenant, actualTenant);
    }

    public void Dispose() => _http.Dispose();
}
