using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Bot;

/// <summary>
/// With a bot app id configured, <c>/api/messages</c> processes nothing without a valid Bot Framework
/// token: keys and OpenID metadata are served on loopback, exactly as login.botframework.com serves them.
/// </summary>
public sealed class BotAuthenticationTests(BotAuthenticationTests.SecuredBot bot) : IClassFixture<BotAuthenticationTests.SecuredBot>
{
    private const string AppId = "6a1f0e2d-3c4b-4a59-8e7d-0f1e2d3c4b5a";
    private const string OtherBot = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    private LoopbackOpenIdIssuer _issuer => bot.Issuer;
    private TeamsApp _teams => bot.Teams;

    /// <summary>One app with a bot app id, shared by the tests (they only count what changes).</summary>
    public sealed class SecuredBot : IAsyncLifetime
    {
        public LoopbackOpenIdIssuer Issuer { get; private set; } = null!;
        public TeamsApp Teams { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Issuer = await LoopbackOpenIdIssuer.StartAsync();
            Teams = await TeamsApp.StartAsync(configure: app => Configure(app));
        }

        /// <summary>A bot app id and the loopback issuer's metadata; no tenant, as a deployment that sets none.</summary>
        public SencoHubApp Configure(SencoHubApp app) => app
            .Setting("SencoHub:Bot:Authentication:AppId", AppId)
            .Setting("SencoHub:Bot:Authentication:BotFrameworkOpenIdMetadataUrl", Issuer.BotFrameworkMetadataUrl)
            .Setting("SencoHub:Bot:Authentication:EntraOpenIdMetadataUrlTemplate", Issuer.EntraMetadataUrlTemplate)
            .Setting("SencoHub:Bot:Authentication:RequireHttpsMetadata", "false")
            .Setting("SencoHub:Bot:Connector:AdditionalTrustedHosts:0", "127.0.0.1")
            // Outbound tokens are not under test here; the Connector double accepts any.
            .ConfigureServicesWith(s => s.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedToken())));

        public async Task DisposeAsync()
        {
            await Teams.DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }

    public static TheoryData<string, int> BadRequests() => new()
    {
        { "no Authorization header", 401 },
        { "malformed Authorization header", 401 },
        { "Bearer with a token that is not a JWT", 401 },
        { "alg none", 401 },
        { "signed by a key the metadata does not publish", 401 },
        { "HS256 signed with the published public key", 401 },
        { "wrong issuer", 401 },
        { "wrong audience (an outbound Bot Framework token replayed)", 401 },
        { "expired", 401 },
        { "not yet valid", 401 },
        { "serviceurl claim differs from the activity's serviceUrl", 401 },
        { "token for another bot", 401 },
        { "signing key not endorsed for msteams", 403 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadTokens_AreRefused_AndNothingIsProcessed(string name, int status)
    {
        var before = await ProcessedAsync();

        var response = await SendWithHeaderAsync(BadHeader(name));

        Assert.Equal((HttpStatusCode)status, response.Status);
        await AssertNothingProcessedSinceAsync(before);
    }

    [Fact]
    public async Task GarbageBody_Is400_AndNothingIsProcessed()
    {
        var before = await ProcessedAsync();
        var client = new TeamsClient(_teams.App.CreateClient(), _teams.Connector) { Token = Valid() };
        var response = await client.PostAsync("\u0001\u0002 this is not JSON");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        await AssertNothingProcessedSinceAsync(before);
    }

    [Fact]
    public async Task AValidToken_IsProcessed_AndTheReplyCarriesTheBotToken()
    {
        var client = new TeamsClient(_teams.App.CreateClient(), _teams.Connector) { Token = Valid() };

        var response = await client.InstallPersonalAsync(DemoTrust.SendLead);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var chat = TeamsClient.PersonalChatOf(DemoTrust.SendLead);
        await Eventually.TrueAsync(() => _teams.Connector.Received(chat).Count == 1, "the welcome");
        Assert.Equal("Bearer outbound-test-token", _teams.Connector.Requests.Single(r => r.ConversationId == chat).Authorization);
    }

    [Fact]
    public async Task EntraTokenFromAnotherTenant_WithNoTenantConfigured_IsRefused_AndNothingIsProcessed()
    {
        // The probe's forgery: any tenant can mint a token for the bot's app id as audience.
        var forged = _issuer.CreateEntraToken("attacker-tenant", AppId, serviceUrl: _teams.Connector.ServiceUrl, callerAppId: "attacker-app");
        var before = await ProcessedAsync();

        var response = await SendWithHeaderAsync("Bearer " + forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        await AssertNothingProcessedSinceAsync(before);
    }

    [Fact]
    public async Task EntraTokens_AreAcceptedOnlyFromTheConfiguredTenant_ForThisBotsOwnApp()
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => bot.Configure(app)
            .Setting("SencoHub:Bot:Authentication:AllowedTenantIds:0", TeamsClient.TenantId));
        var serviceUrl = teams.Connector.ServiceUrl;

        var unrelatedApp = await SendWithHeaderAsync(teams, "Bearer " + _issuer.CreateEntraToken(TeamsClient.TenantId, AppId, serviceUrl: serviceUrl, callerAppId: "attacker-app"));
        var otherTenant = await SendWithHeaderAsync(teams, "Bearer " + _issuer.CreateEntraToken("attacker-tenant", AppId, serviceUrl: serviceUrl, callerAppId: AppId));
        var noServiceUrl = await SendWithHeaderAsync(teams, "Bearer " + _issuer.CreateEntraToken(TeamsClient.TenantId, AppId, callerAppId: AppId));
        Assert.Equal(HttpStatusCode.Forbidden, unrelatedApp.Status);
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noServiceUrl.Status);
        Assert.Empty(teams.Connector.Requests);

        var accepted = await SendWithHeaderAsync(teams, "Bearer " + _issuer.CreateEntraToken(TeamsClient.TenantId, AppId, serviceUrl: serviceUrl, callerAppId: AppId));
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        await Eventually.TrueAsync(() => teams.Connector.Requests.Count == 1, "the reply to help");
    }

    [Fact]
    public async Task NoAppId_ButUnauthenticatedNotAllowed_Refuses()
    {
        await using var production = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Bot:AllowUnauthenticated", "false"));
        var response = await production.Teams.InstallPersonalAsync(DemoTrust.SendLead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Empty(production.Connector.Requests);
    }

    private string Valid() => _issuer.CreateBotFrameworkToken(AppId, _teams.Connector.ServiceUrl);

    private string? BadHeader(string name)
    {
        var serviceUrl = _teams.Connector.ServiceUrl;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        return name switch
        {
            "no Authorization header" => null,
            "malformed Authorization header" => "Bearer",
            "Bearer with a token that is not a JWT" => "Bearer abc.def",
            "alg none" => "Bearer " + LoopbackOpenIdIssuer.CreateUnsignedToken(LoopbackOpenIdIssuer.BotFrameworkIssuer, AppId, claims),
            "signed by a key the metadata does not publish" => "Bearer " + _issuer.CreateBotFrameworkToken(AppId, serviceUrl, key: new TestSigningKey()),
            "HS256 signed with the published public key" => "Bearer " + LoopbackOpenIdIssuer.CreateHs256WithPublicKey(_issuer.BotFrameworkKey, LoopbackOpenIdIssuer.BotFrameworkIssuer, AppId, claims),
            "wrong issuer" => "Bearer " + _issuer.CreateToken(new TokenSpec { Issuer = "https://sts.example.com", Audience = AppId, Claims = claims }),
            "wrong audience (an outbound Bot Framework token replayed)" => "Bearer " + _issuer.CreateToken(new TokenSpec { Issuer = LoopbackOpenIdIssuer.BotFrameworkIssuer, Audience = "https://api.botframework.com", Claims = claims }),
            "expired" => "Bearer " + _issuer.CreateBotFrameworkToken(AppId, serviceUrl, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1)),
            "not yet valid" => "Bearer " + _issuer.CreateBotFrameworkToken(AppId, serviceUrl, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddHours(2)),
            "serviceurl claim differs from the activity's serviceUrl" => "Bearer " + _issuer.CreateBotFrameworkToken(AppId, "https://smba.trafficmanager.net/emea/"),
            "token for another bot" => "Bearer " + _issuer.CreateBotFrameworkToken(OtherBot, serviceUrl),
            "signing key not endorsed for msteams" => "Bearer " + _issuer.CreateBotFrameworkToken(AppId, serviceUrl, key: _issuer.UnendorsedBotFrameworkKey),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private Task<TeamsResponse> SendWithHeaderAsync(string? header) => SendWithHeaderAsync(_teams, header);

    private static async Task<TeamsResponse> SendWithHeaderAsync(TeamsApp teams, string? header)
    {
        var client = teams.App.CreateClient();
        var activity = new SencoHub.Teams.Activities.Activity
        {
            Id = "auth-" + Guid.NewGuid().ToString("N"),
            Type = "message",
            Text = "help",
            ServiceUrl = teams.Connector.ServiceUrl,
            ChannelId = "msteams",
            From = TeamsClient.From(DemoTrust.SendLead),
            Recipient = new SencoHub.Teams.Activities.ChannelAccount { Id = "28:" + AppId },
            // A conversation of its own: processing it would add a conversation and send a reply.
            Conversation = new SencoHub.Teams.Activities.ConversationAccount { Id = "a:auth-" + Guid.NewGuid().ToString("N"), ConversationType = "personal", TenantId = TeamsClient.TenantId },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJson(), System.Text.Encoding.UTF8, "application/json") };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await client.SendAsync(request);
        return new TeamsResponse(response.StatusCode, null);
    }

    private async Task<(int Requests, int Conversations)> ProcessedAsync() =>
        (_teams.Connector.Requests.Count, await _teams.App.WithDbAsync(db => db.Set<ConversationRecord>().CountAsync()));

    private async Task AssertNothingProcessedSinceAsync((int Requests, int Conversations) before)
    {
        await Task.Delay(100);
        Assert.Equal(before, await ProcessedAsync());
    }

    private sealed class FixedToken : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>("outbound-test-token");
    }
}
