using SencoHub.Teams.Activities;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Auth;

/// <summary>One inbound request: the Authorization header and any change to the activity.</summary>
public sealed record TokenCase(string Name, int ExpectedStatus, Func<LoopbackOpenIdIssuer, string?> Header, Action<Activity>? Mutate = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// Requests that must be refused, and requests that must be accepted, for a bot with
/// <see cref="AppId"/> in tenant <see cref="TenantId"/> (shared by the validator and endpoint tests).
/// </summary>
public static class TokenCorpus
{
    public const string AppId = "5c2bd2f6-7f0e-4a5e-9d8e-1f2a3b4c5d6e";
    public const string OtherBotAppId = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static IReadOnlyList<TokenCase> Bad { get; } =
    [
        new("no Authorization header", 401, _ => null),
        new("empty Authorization header", 401, _ => string.Empty),
        new("Basic scheme instead of Bearer", 401, i => "Basic " + Convert.ToBase64String("bot:secret"u8)),
        new("Bearer with no token", 401, _ => "Bearer "),
        new("Bearer with a malformed token", 401, _ => "Bearer not-a-jwt"),
        new("alg none (unsigned)", 401, _ => "Bearer " + LoopbackOpenIdIssuer.CreateUnsignedToken(LoopbackOpenIdIssuer.BotFrameworkIssuer, AppId, BfClaims())),
        new("HS256 signed with the published RSA public key", 401, i => "Bearer " + LoopbackOpenIdIssuer.CreateHs256WithPublicKey(i.BotFrameworkKey, LoopbackOpenIdIssuer.BotFrameworkIssuer, AppId, BfClaims())),
        new("signed by an unpublished key", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl, key: Stranger))),
        new("signed by another key claiming a published kid", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl, key: Impostor(i)))),
        new("untrusted issuer", 401, i => Bearer(i.CreateToken(new TokenSpec { Issuer = "https://evil.example.com", Audience = AppId, Claims = BfClaims() }))),
        new("Entra key used with the Bot Framework issuer", 401, i => Bearer(i.CreateToken(new TokenSpec { Issuer = LoopbackOpenIdIssuer.BotFrameworkIssuer, Audience = AppId, Claims = BfClaims(), Key = i.EntraKey }))),
        new("audience is the Bot Framework API (a replayed outbound token)", 401, i => Bearer(i.CreateToken(new TokenSpec { Issuer = LoopbackOpenIdIssuer.BotFrameworkIssuer, Audience = "https://api.botframework.com", Claims = BfClaims() }))),
        new("token for another bot", 401, i => Bearer(i.CreateBotFrameworkToken(OtherBotAppId, ServiceUrl))),
        new("expired an hour ago", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1)))),
        new("not valid for another hour", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl, DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddHours(2)))),
        new("serviceurl claim differs from the activity", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, "https://smba.trafficmanager.net/amer/"))),
        new("activity serviceUrl points elsewhere", 401, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl)), a => a.ServiceUrl = "https://attacker.example.com/"),
        new("Bot Framework token without serviceurl claim", 401, i => Bearer(i.CreateToken(new TokenSpec { Issuer = LoopbackOpenIdIssuer.BotFrameworkIssuer, Audience = AppId }))),
        new("signing key not endorsed for msteams", 403, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl, key: i.UnendorsedBotFrameworkKey))),
        new("activity claims a channel the key is not endorsed for", 403, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl)), a => a.ChannelId = "webchat"),
        new("activity from a tenant that is not allowed", 403, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl)), a => a.Conversation!.TenantId = "some-other-tenant"),
        new("Entra token whose tid differs from its issuer", 401, i => Entra(i, tid: "another-tenant")),
        new("Entra token for another audience", 401, i => Entra(i, audience: "api://someone-else")),
        new("Entra token from a tenant that is not allowed", 403, i => Entra(i, tenant: "some-other-tenant")),
        new("Entra token from a tenant that is not allowed, activity claiming it too", 403, i => Entra(i, tenant: "some-other-tenant"), a => a.Conversation!.TenantId = "some-other-tenant"),
        new("Entra token for an app that is not this bot (azp)", 403, i => Entra(i, caller: "unrelated-app")),
        new("Entra v1 token for an app that is not this bot (appid)", 403, i => Entra(i, v1: true, caller: "unrelated-app")),
        new("Entra token of an unknown version", 401, i => Entra(i, version: "3.0")),
        new("Entra token without serviceurl claim", 401, i => Entra(i, serviceUrl: null)),
        new("Entra token whose serviceurl differs from the activity", 401, i => Entra(i, serviceUrl: "https://smba.trafficmanager.net/amer/")),
        new("Entra token for an allowed tenant, activity from another tenant", 403, i => Entra(i), a => a.Conversation!.TenantId = "another-allowed-tenant"),
        new("Entra tenant id that is not id-like", 401, i => Bearer(i.CreateToken(new TokenSpec { Issuer = "https://login.microsoftonline.com/../evil/v2.0", Audience = AppId, Claims = new Dictionary<string, object> { ["tid"] = "../evil" }, Key = i.EntraKey }))),
    ];

    public static IReadOnlyList<TokenCase> Good { get; } =
    [
        new("Bot Framework channel token", 200, i => Bearer(i.CreateBotFrameworkToken(AppId, ServiceUrl))),
        new("Bot Framework token, serviceurl without trailing slash and other case", 200, i => Bearer(i.CreateBotFrameworkToken(AppId, "HTTPS://SMBA.trafficmanager.net/emea"))),
        new("Entra v2 token", 200, i => Entra(i)),
        new("Entra v1 (sts.windows.net) token for api://botid-{appId}", 200, i => Entra(i, audience: $"api://botid-{AppId}", v1: true)),
        new("Entra token for api://{appId}", 200, i => Entra(i, audience: $"api://{AppId}")),
    ];

    public static TheoryData<TokenCase> BadCases() => [.. Bad];

    public static TheoryData<TokenCase> GoodCases() => [.. Good];

    /// <summary>A Teams channel message as the corpus expects it.</summary>
    public static Activity Activity()
    {
        var activity = Fixtures.Activity("06-message-channel.json");
        activity.ServiceUrl = ServiceUrl;
        activity.Recipient = new ChannelAccount { Id = "28:" + AppId, Name = "Test Bot" };
        return activity;
    }

    private static readonly TestSigningKey Stranger = new();

    private static string Bearer(string token) => "Bearer " + token;

    /// <summary>
    /// An Entra-issued token as the documented path sends it (the bot's own app is the caller, the
    /// activity's service URL is bound in), with one thing changed by the case.
    /// </summary>
    private static string Entra(LoopbackOpenIdIssuer issuer, string tenant = TenantId, string audience = AppId, string? tid = null, bool v1 = false,
        string? serviceUrl = ServiceUrl, string caller = AppId, string? version = null) =>
        Bearer(issuer.CreateEntraToken(tenant, audience, tid, v1, serviceUrl, caller, version));

    private static Dictionary<string, object> BfClaims() => new() { ["serviceurl"] = ServiceUrl };

    private static TestSigningKey Impostor(LoopbackOpenIdIssuer issuer) => new(issuer.BotFrameworkKey.KeyId);
}
