namespace SencoHub.Web.Platform.Auth;

/// <summary>Teams SSO / Entra ID for the tabs and the API. Off when ClientId or TenantId is empty.</summary>
public sealed class EntraOptions
{
    public const string SectionName = "SencoHub:Auth:Entra";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Application ID URI used for tab SSO, e.g. <c>api://host/botid-{id}</c>; accepted as an audience.</summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>Scope the tab's token must carry.</summary>
    public string RequiredScope { get; set; } = "access_as_user";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(TenantId);
}

public sealed class DevSignInOptions
{
    public const string SectionName = "SencoHub:Auth:Dev";

    /// <summary>Lifetime of tokens minted by <c>POST /dev/token</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
