using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Testing;

/// <summary>
/// Entra ID as the tab's SSO tokens see it, on loopback: a tenant's OpenID metadata and signing
/// keys over real HTTP, and v2 access tokens minted with them (or with a key it does not publish).
/// </summary>
public sealed class LoopbackEntra : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "entra-key-1" };

    private LoopbackEntra(WebApplication server) => _server = server;

    public string TenantId { get; } = "7d2c5a5e-2f9d-4b7e-9c1a-5e0f3c2b1a90";
    public string ClientId { get; } = "3f1e4d2c-8b7a-4c6d-9e0f-1a2b3c4d5e6f";
    public string Instance { get; private set; } = string.Empty;
    public string Issuer => $"{Instance}{TenantId}/v2.0";

    public static async Task<LoopbackEntra> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var entra = new LoopbackEntra(app);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{entra.Instance}{{tenantid}}/v2.0",
            ["jwks_uri"] = $"{entra.Instance}{tenant}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{entra.Instance}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{entra.Instance}{tenant}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(entra._key);
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } }), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        entra.Instance = address.TrimEnd('/') + "/";
        return entra;
    }

    /// <summary>A v2 access token for the tab's API; every part can be spoiled for negative tests.</summary>
    public string Mint(string objectId, string? audience = null, string? issuer = null, DateTime? expires = null,
        DateTime? notBefore = null, SecurityKey? key = null, string scope = "access_as_user")
    {
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ClientId,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("oid", objectId), new Claim("tid", TenantId), new Claim("scp", scope), new Claim("ver", "2.0")]),
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static RsaSecurityKey UnpublishedKey() => new(RSA.Create(2048)) { KeyId = "entra-key-1" };

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
