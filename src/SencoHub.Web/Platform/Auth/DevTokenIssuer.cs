using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Web.Platform.Auth;

/// <summary>
/// Mints short-lived API tokens for local development and tests. The key is random per process
/// and the scheme that accepts these tokens exists only in the Development environment.
/// </summary>
public sealed class DevTokenIssuer(TimeProvider clock, IOptions<DevSignInOptions> options)
{
    public const string Issuer = "sencohub-dev";
    public const string Audience = "sencohub-dev-api";

    public SymmetricSecurityKey SigningKey { get; } = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "dev" };

    public string Mint(SignedInPerson person)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(options.Value.TokenLifetime),
            Subject = new ClaimsIdentity([new Claim(SignInClaims.ObjectIdType, person.AadObjectId), new Claim("name", person.Name)]),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
