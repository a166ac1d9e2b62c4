using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Auth;

/// <summary>
/// Validates the <c>Authorization</c> header of an inbound activity: Bot Framework channel tokens
/// and Entra-issued tokens (protocol reference, section 6). Failures never throw; they return
/// 401 or 403 with a reason that is safe to log.
/// </summary>
internal sealed partial class BotTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    // RS256 family only: rejects "none", HMAC (e.g. HS256 keyed with the public key) and ECDSA.
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotAuthenticationOptions _options;
    private readonly OpenIdMetadataCache _metadata;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotTokenValidator(BotAuthenticationOptions options, OpenIdMetadataCache metadata, TimeProvider? timeProvider = null, ILogger<BotTokenValidator>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<BotAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var result = await ValidateCoreAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            TeamsLog.TokenRejected(_logger, result.StatusCode, result.FailureReason ?? "unknown");
        }

        return result;
    }

    private async Task<BotAuthenticationResult> ValidateCoreAsync(string? header, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.AppId))
        {
            return BotAuthenticationResult.Unauthorized("no app id is configured, so no token can be valid");
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            return BotAuthenticationResult.Unauthorized("missing Authorization header");
        }

        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length <= Scheme.Length)
        {
            return BotAuthenticationResult.Unauthorized("Authorization header is not a Bearer token");
        }

        var raw = header[Scheme.Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return BotAuthenticationResult.Unauthorized("token is not a well-formed JWT");
        }

        if (!AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Unauthorized("token algorithm is not in the RS256 family");
        }

        var issuer = ClassifyIssuer(token.Issuer, out var issuerTenant);
        if (issuer == BotTokenIssuer.None)
        {
            return BotAuthenticationResult.Unauthorized("token issuer is not trusted");
        }

        string metadataAddress;
        if (issuer == BotTokenIssuer.Entra)
        {
            // The tenant named by the issuer must be the token's tenant.
            var tid = Claim(token, "tid");
            if (!string.Equals(tid, issuerTenant, StringComparison.OrdinalIgnoreCase))
            {
                return BotAuthenticationResult.Unauthorized("token tid does not match its issuer's tenant");
            }

            // Any tenant can mint a token with the bot's app id as audience: Entra tokens are
            // accepted only from tenants named in the configuration, never from "any".
            if (_options.AllowedTenantIds.Count == 0)
            {
                return BotAuthenticationResult.Forbidden("Entra-issued tokens are refused: no tenant is configured");
            }

            if (!IsTenantAllowed(issuerTenant))
            {
                return BotAuthenticationResult.Forbidden("token tenant is not allowed");
            }

            metadataAddress = _options.EntraOpenIdMetadataUrlTemplate.Replace("{tenantId}", issuerTenant, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            metadataAddress = _options.BotFrameworkOpenIdMetadataUrl;
        }

        var keyId = string.IsNullOrEmpty(token.Kid) ? token.X5t : token.Kid;
        if (string.IsNullOrEmpty(keyId))
        {
            return BotAuthenticationResult.Unauthorized("token names no signing key");
        }

        JsonWebKey? key;
        try
        {
            key = await _metadata.FindSigningKeyAsync(metadataAddress, keyId, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            TeamsLog.MetadataUnavailable(_logger, metadataAddress, ex);
            return BotAuthenticationResult.Unauthorized("signing keys are unavailable");
        }

        if (key is null)
        {
            return BotAuthenticationResult.Unauthorized("token signing key is unknown");
        }

        var lifetime = CheckLifetime(token);
        if (lifetime is not null)
        {
            return BotAuthenticationResult.Unauthorized(lifetime);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = token.Issuer,
            ValidateIssuer = true,
            ValidAudiences = ValidAudiences(issuer),
            ValidateAudience = true,
            IssuerSigningKey = key,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            // Lifetime is checked above against TimeProvider so it is testable with a fake clock.
            ValidateLifetime = false,
            RequireExpirationTime = true,
            TryAllIssuerSigningKeys = false,
        };

        var validation = await _handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return BotAuthenticationResult.Unauthorized(validation.Exception switch
            {
                SecurityTokenInvalidAudienceException => "token audience is not this bot",
                SecurityTokenInvalidIssuerException => "token issuer is not trusted",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "token signature is invalid",
                SecurityTokenInvalidAlgorithmException => "token algorithm is not allowed",
                _ => "token is invalid",
            });
        }

        string? callerAppId;
        if (issuer == BotTokenIssuer.Entra)
        {
            // The documented Entra-issued path (Bot Framework auth spec, "Emulator to Bot") is a
            // token the bot's own app obtained: v1 names it in appid, v2 in azp.
            var version = Claim(token, "ver");
            var callerClaim = version switch
            {
                null or "1.0" => "appid",
                "2.0" => "azp",
                _ => null,
            };
            if (callerClaim is null)
            {
                return BotAuthenticationResult.Unauthorized("token version is not 1.0 or 2.0");
            }

            callerAppId = Claim(token, callerClaim);
            if (!string.Equals(callerAppId, _options.AppId, StringComparison.OrdinalIgnoreCase))
            {
                return BotAuthenticationResult.Forbidden($"token {callerClaim} is not this bot's app");
            }
        }
        else
        {
            callerAppId = Claim(token, "azp") ?? Claim(token, "appid");
        }

        // Every token must be bound to the service URL it was issued for; a mismatch means the
        // activity was not sent by that channel (botbuilder's ChannelValidation).
        var serviceUrlClaim = Claim(token, "serviceurl");
        if (serviceUrlClaim is null || !SameServiceUrl(serviceUrlClaim, activity.ServiceUrl))
        {
            return BotAuthenticationResult.Unauthorized("token serviceurl does not match the activity");
        }

        // Endorsements: the key must be endorsed for the activity's channel (403 per the auth spec).
        if (!string.IsNullOrEmpty(activity.ChannelId))
        {
            var endorsements = OpenIdMetadataCache.GetEndorsements(key);
            var mustBeEndorsed = issuer == BotTokenIssuer.BotFramework || endorsements is not null;
            if (mustBeEndorsed && (endorsements is null || !endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase)))
            {
                return BotAuthenticationResult.Forbidden("signing key is not endorsed for the activity's channel");
            }
        }

        if (issuer == BotTokenIssuer.Entra && activity.TenantId is not null
            && !string.Equals(activity.TenantId, issuerTenant, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Forbidden("activity tenant differs from the token's tenant");
        }

        if (!IsTenantAllowed(activity.TenantId) && !(issuer == BotTokenIssuer.Entra && activity.TenantId is null))
        {
            return BotAuthenticationResult.Forbidden("activity tenant is not allowed");
        }

        return BotAuthenticationResult.Success(new BotCaller
        {
            Issuer = issuer,
            CallerAppId = callerAppId,
            TenantId = issuer == BotTokenIssuer.Entra ? issuerTenant : activity.TenantId,
            ServiceUrl = serviceUrlClaim,
            Identity = validation.ClaimsIdentity ?? new ClaimsIdentity(),
        });
    }

    private string? CheckLifetime(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<long>("exp", out var exp))
        {
            return "token has no expiry";
        }

        var now = _time.GetUtcNow();
        if (now > DateTimeOffset.FromUnixTimeSeconds(exp) + _options.ClockSkew)
        {
            return "token has expired";
        }

        if (token.TryGetPayloadValue<long>("nbf", out var nbf) && now < DateTimeOffset.FromUnixTimeSeconds(nbf) - _options.ClockSkew)
        {
            return "token is not valid yet";
        }

        return null;
    }

    private string[] ValidAudiences(BotTokenIssuer issuer)
    {
        var appId = _options.AppId!;
        return issuer == BotTokenIssuer.Entra ? [appId, $"api://{appId}", $"api://botid-{appId}"] : [appId];
    }

    private bool IsTenantAllowed(string? tenantId) =>
        _options.AllowedTenantIds.Count == 0
        || (tenantId is not null && _options.AllowedTenantIds.Contains(tenantId, StringComparer.OrdinalIgnoreCase));

    internal static BotTokenIssuer ClassifyIssuer(string? issuer, out string? tenantId)
    {
        tenantId = null;
        if (string.Equals(issuer, BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return BotTokenIssuer.BotFramework;
        }

        var match = issuer is null ? null : EntraIssuer().Match(issuer);
        if (match is { Success: true })
        {
            tenantId = match.Groups["v2"].Success ? match.Groups["v2"].Value : match.Groups["v1"].Value;
            return BotTokenIssuer.Entra;
        }

        return BotTokenIssuer.None;
    }

    /// <summary>Service URLs compare case-insensitively, ignoring one trailing slash.</summary>
    internal static bool SameServiceUrl(string? a, string? b) =>
        a is not null && b is not null
        && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    // Tenant ids go into a metadata URL: allow only id-like characters (mock tenants are not GUIDs).
    [GeneratedRegex(@"^(?:https://login\.microsoftonline\.com/(?<v2>[A-Za-z0-9.\-]{1,64})/v2\.0|https://sts\.windows\.net/(?<v1>[A-Za-z0-9.\-]{1,64})/)$", RegexOptions.CultureInvariant)]
    private static partial Regex EntraIssuer();
}
