namespace SencoHub.Teams.Auth;

/// <summary>Inbound token validation settings (protocol reference, section 6).</summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The bot's Microsoft App ID (or user-assigned managed identity client id); the expected <c>aud</c>.</summary>
    public string? AppId { get; set; }

    public string BotFrameworkOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Per-tenant Entra metadata; <c>{tenantId}</c> is replaced by the issuer's tenant.</summary>
    public string EntraOpenIdMetadataUrlTemplate { get; set; } = "https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// When not empty, only activities from these tenants are accepted. Entra-issued tokens are
    /// accepted only from these tenants: with none configured, every Entra-issued token is refused.
    /// </summary>
    public IList<string> AllowedTenantIds { get; } = [];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Metadata must come over https unless a test turns this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Least time between two metadata re-fetches forced by an unknown signing key id (bounds what
    /// forged tokens can make us fetch; a rotated key is picked up on first sight after that).
    /// </summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often metadata is refreshed even without an unknown key (the protocol asks for at least every 24 h).</summary>
    public TimeSpan MetadataAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);
}
