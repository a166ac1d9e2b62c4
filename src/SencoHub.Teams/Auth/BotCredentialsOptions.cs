using System.Security.Cryptography.X509Certificates;

namespace SencoHub.Teams.Auth;

/// <summary>How the bot obtains its outbound token. Pick one: client secret, certificate or managed identity.</summary>
public sealed class BotCredentialsOptions
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    /// <summary>The bot's app id (the client id of the app registration).</summary>
    public string? AppId { get; set; }

    /// <summary><c>botframework.com</c> for a multi-tenant registration, else the home tenant id.</summary>
    public string TenantId { get; set; } = "botframework.com";

    public string? ClientSecret { get; set; }

    public X509Certificate2? Certificate { get; set; }

    /// <summary>Client id of a user-assigned managed identity; when set the bot uses it instead of a secret.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    public string Scope { get; set; } = BotFrameworkScope;

    /// <summary>Tokens are renewed this long before they expire.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);
}
