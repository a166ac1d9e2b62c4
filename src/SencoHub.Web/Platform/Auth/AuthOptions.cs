using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Platform.Auth;

/// <summary>Teams SSO / Entra ID for the tabs and the API. Off when ClientId or TenantId is empty.</summary>
public sealed class EntraOptions : IValidatableObject
{
    public const string SectionName = "SencoHub:Auth:Entra";

    [Required]
    [Url]
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Application ID URI used for tab SSO, e.g. <c>api://host/botid-{id}</c>; accepted as an audience.</summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>Scope the tab's token must carry.</summary>
    [Required]
    public string RequiredScope { get; set; } = "access_as_user";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(TenantId);

    // Half a configuration would quietly leave sign-in off.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult($"{SectionName}: set both ClientId and TenantId (or neither, to leave Teams sign-in off).", [nameof(ClientId), nameof(TenantId)]);
        }
    }
}

public sealed class DevSignInOptions
{
    public const string SectionName = "SencoHub:Auth:Dev";

    /// <summary>Lifetime of tokens minted by <c>POST /dev/token</c>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
