using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Teams.Testing;

/// <summary>An RSA signing key with a key id; published or not, as a test needs.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    public TestSigningKey(string? keyId = null)
    {
        _rsa = RSA.Create(2048);
        KeyId = keyId ?? "kid-" + Guid.NewGuid().ToString("N")[..12];
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>Channels this key is endorsed for; null uses the issuer's <see cref="LoopbackOpenIdIssuer.Endorsements"/>.</summary>
    public IReadOnlyList<string>? Endorsements { get; init; }

    /// <summary>The public key bytes (SubjectPublicKeyInfo), e.g. to forge an HS256 token keyed with them.</summary>
    public byte[] PublicKeyBytes => _rsa.ExportSubjectPublicKeyInfo();

    internal JsonObject ToJwk(IEnumerable<string>? endorsements)
    {
        var p = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        endorsements = Endorsements ?? endorsements;
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)JsonValue.Create(e)!)]);
        }

        return jwk;
    }

    public void Dispose() => _rsa.Dispose();
}

/// <summary>What goes into a minted token. Unset times mean "valid now for an hour".</summary>
public sealed class TokenSpec
{
    public required string Issuer { get; init; }
    public required string Audience { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public IDictionary<string, object> Claims { get; init; } = new Dictionary<string, object>();

    /// <summary>Sign with this key instead of the issuer's current key (e.g. an unpublished one).</summary>
    public TestSigningKey? Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
}

/// <summary>
/// A loopback OpenID provider standing in for <c>login.botframework.com</c> and
/// <c>login.microsoftonline.com/{tenant}</c>: serves metadata and JWKS (Bot Framework keys carry
/// <c>endorsements</c>), mints RS256 tokens, and rotates keys.
/// </summary>
public sealed class LoopbackOpenIdIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<TestSigningKey> _botFrameworkKeys = [];
    private readonly List<TestSigningKey> _entraKeys = [];
    private int _metadataRequests;
    private int _keyRequests;

    private LoopbackOpenIdIssuer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string BotFrameworkMetadataUrl => new Uri(BaseUri, "botframework/v1/.well-known/openidconfiguration").AbsoluteUri;

    /// <summary>For <c>BotAuthenticationOptions.EntraOpenIdMetadataUrlTemplate</c>.</summary>
    public string EntraMetadataUrlTemplate => BaseUri.AbsoluteUri + "{tenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>Channel ids the Bot Framework keys are endorsed for.</summary>
    public IList<string> Endorsements { get; } = ["msteams"];

    public TestSigningKey BotFrameworkKey { get { lock (_lock) { return _botFrameworkKeys[^1]; } } }

    public TestSigningKey EntraKey { get { lock (_lock) { return _entraKeys[^1]; } } }

    /// <summary>A published Bot Framework key endorsed only for <c>webchat</c>, for endorsement checks.</summary>
    public TestSigningKey UnendorsedBotFrameworkKey { get; } = new() { Endorsements = ["webchat"] };

    /// <summary>How many metadata documents were served (to observe caching and refresh).</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>Client id to secret: the confidential clients the token endpoint accepts.</summary>
    public IDictionary<string, string> ClientSecrets { get; } = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();

    /// <summary>Forms posted to the token endpoint (client credentials grants), with the tenant in the path.</summary>
    public IReadOnlyList<(string TenantId, IReadOnlyDictionary<string, string> Form)> TokenRequests
    {
        get { lock (_lock) { return [.. _tokenRequests]; } }
    }

    /// <summary>Lifetime of access tokens from the token endpoint.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    private readonly List<(string, IReadOnlyDictionary<string, string>)> _tokenRequests = [];

    public static async Task<LoopbackOpenIdIssuer> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackServer.CreateBuilder().Build();
        LoopbackOpenIdIssuer? issuer = null;
        app.MapGet("/botframework/v1/.well-known/openidconfiguration", () => issuer!.Metadata(BotFrameworkIssuer, "botframework/v1/.well-known/keys"));
        app.MapGet("/botframework/v1/.well-known/keys", () => issuer!.Keys(botFramework: true));
        app.MapGet("/{tenantId}/v2.0/.well-known/openid-configuration", (string tenantId) =>
            issuer!.Metadata($"https://login.microsoftonline.com/{tenantId}/v2.0", $"{tenantId}/discovery/v2.0/keys"));
        app.MapGet("/{tenantId}/discovery/v2.0/keys", () => issuer!.Keys(botFramework: false));
        app.MapPost("/{tenantId}/oauth2/v2.0/token", (string tenantId, HttpRequest request) => issuer!.IssueClientTokenAsync(tenantId, request));
        var baseUri = await LoopbackServer.StartAsync(app, cancellationToken).ConfigureAwait(false);
        issuer = new LoopbackOpenIdIssuer(app, baseUri);
        issuer._botFrameworkKeys.Add(issuer.UnendorsedBotFrameworkKey);
        issuer._botFrameworkKeys.Add(new TestSigningKey());
        issuer._entraKeys.Add(new TestSigningKey());
        return issuer;
    }

    /// <summary>Publishes a new Bot Framework key (new kid) and signs with it from now on; the old key stays published unless <paramref name="retireOld"/>.</summary>
    public TestSigningKey RotateBotFrameworkKey(bool retireOld = false)
    {
        var key = new TestSigningKey();
        lock (_lock)
        {
            if (retireOld)
            {
                _botFrameworkKeys.Clear();
            }

            _botFrameworkKeys.Add(key);
        }

        return key;
    }

    /// <summary>A Bot Framework channel token as Teams sends it.</summary>
    public string CreateBotFrameworkToken(string appId, string serviceUrl, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, TestSigningKey? key = null)
    {
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl, ["appid"] = "bf-channel-app" };
        return CreateToken(new TokenSpec { Issuer = BotFrameworkIssuer, Audience = appId, NotBefore = notBefore, Expires = expires, Claims = claims, Key = key });
    }

    /// <summary>
    /// An Entra token for <paramref name="tenantId"/>, as Entra mints it for the client
    /// <paramref name="callerAppId"/>: a v1 token names it in <c>appid</c>, a v2 token in <c>azp</c>
    /// (with <c>ver</c> saying which). <paramref name="tidClaim"/> overrides the <c>tid</c> claim.
    /// </summary>
    public string CreateEntraToken(string tenantId, string audience, string? tidClaim = null, bool v1Issuer = false, string? serviceUrl = null, string callerAppId = "caller-app", string? version = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tidClaim ?? tenantId,
            ["ver"] = version ?? (v1Issuer ? "1.0" : "2.0"),
            [v1Issuer ? "appid" : "azp"] = callerAppId,
        };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var issuer = v1Issuer ? $"https://sts.windows.net/{tenantId}/" : $"https://login.microsoftonline.com/{tenantId}/v2.0";
        return CreateToken(new TokenSpec { Issuer = issuer, Audience = audience, Claims = claims, Key = EntraKey });
    }

    public string CreateToken(TokenSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = spec.Key ?? BotFrameworkKey;
        var now = DateTimeOffset.UtcNow;
        var notBefore = spec.NotBefore ?? now.AddMinutes(-1);
        var expires = spec.Expires ?? notBefore.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Claims = new Dictionary<string, object>(spec.Claims),
            SigningCredentials = new SigningCredentials(key.SecurityKey, spec.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string CreateUnsignedToken(string issuer, string audience, IDictionary<string, object>? claims = null)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        return Encode(header) + "." + Encode(Payload(issuer, audience, claims)) + ".";
    }

    /// <summary>The classic key-confusion forgery: HS256 keyed with the RSA public key, naming that key's kid.</summary>
    public static string CreateHs256WithPublicKey(TestSigningKey publicKey, string issuer, string audience, IDictionary<string, object>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = publicKey.KeyId };
        var signingInput = Encode(header) + "." + Encode(Payload(issuer, audience, claims));
        var signature = HMACSHA256.HashData(publicKey.PublicKeyBytes, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static JsonObject Payload(string issuer, string audience, IDictionary<string, object>? claims)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = JsonSerializer.SerializeToNode(value);
        }

        return payload;
    }

    private async Task<IResult> IssueClientTokenAsync(string tenantId, HttpRequest request)
    {
        var form = (await request.ReadFormAsync().ConfigureAwait(false)).ToDictionary(f => f.Key, f => f.Value.ToString());
        lock (_lock)
        {
            _tokenRequests.Add((tenantId, form));
        }

        if (form.GetValueOrDefault("grant_type") != "client_credentials"
            || !form.TryGetValue("client_id", out var clientId)
            || !ClientSecrets.TryGetValue(clientId, out var secret)
            || form.GetValueOrDefault("client_secret") != secret)
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
        }

        var scope = form.GetValueOrDefault("scope") ?? string.Empty;
        var audience = scope.Split(' ')[0].Replace("/.default", string.Empty, StringComparison.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var token = CreateToken(new TokenSpec { Issuer = $"https://login.microsoftonline.com/{tenantId}/v2.0", Audience = audience, NotBefore = now, Expires = now + AccessTokenLifetime, Key = EntraKey, Claims = new Dictionary<string, object> { ["appid"] = clientId } });
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["access_token"] = token,
        });
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());

    private IResult Metadata(string issuer, string keysPath)
    {
        Interlocked.Increment(ref _metadataRequests);
        return Results.Json(new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = new Uri(BaseUri, "authorize").AbsoluteUri,
            ["jwks_uri"] = new Uri(BaseUri, keysPath).AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        });
    }

    private IResult Keys(bool botFramework)
    {
        Interlocked.Increment(ref _keyRequests);
        JsonArray keys;
        lock (_lock)
        {
            keys = botFramework
                ? [.. _botFrameworkKeys.Select(k => (JsonNode)k.ToJwk(Endorsements))]
                : [.. _entraKeys.Select(k => (JsonNode)k.ToJwk(null))];
        }

        return Results.Json(new JsonObject { ["keys"] = keys });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var key in _botFrameworkKeys.Concat(_entraKeys))
            {
                key.Dispose();
            }
        }
    }
}
