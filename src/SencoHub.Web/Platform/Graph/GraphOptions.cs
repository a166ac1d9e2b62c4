using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Platform.Graph;

/// <summary>
/// Microsoft Graph, app-only. Off by default: the app runs without it, and features that use it
/// (the activity feed) do nothing until it is enabled with a credential.
/// </summary>
public sealed class GraphOptions : IValidatableObject
{
    public const string SectionName = "SencoHub:Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public bool Enabled { get; set; }

    /// <summary>Graph's root; a loopback <c>http://</c> address is accepted for local emulators.</summary>
    [Required]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The resource the token is for; national clouds have their own.</summary>
    [Required]
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>The trust's home tenant (app-only Graph calls need it; "common" will not do).</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Client id of a user-assigned managed identity; when set it is used instead of a secret.</summary>
    public string? ManagedIdentityClientId { get; set; }

    [Required]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    public Uri BaseUri => new(BaseUrl.TrimEnd('/'));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            yield return new ValidationResult("SencoHub:Graph:BaseUrl must be an https address (http only on loopback, for an emulator).", [nameof(BaseUrl)]);
        }

        var secret = !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
        if (string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !secret)
        {
            yield return new ValidationResult(
                "Graph is enabled without a credential: set SencoHub:Graph:ManagedIdentityClientId, or TenantId, ClientId and ClientSecret.",
                [nameof(ManagedIdentityClientId)]);
        }
    }
}
