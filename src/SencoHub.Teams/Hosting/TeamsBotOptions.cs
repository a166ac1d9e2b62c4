using SencoHub.Teams.Auth;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// Everything the bot endpoint needs; every default lets an app start with no configuration. The app
/// chooses where it lives in its configuration and binds it there, nested as these properties are.
/// </summary>
public sealed class TeamsBotOptions
{
    public BotAuthenticationOptions Authentication { get; } = new();

    /// <summary>Outbound credentials; <see cref="BotCredentialsOptions.AppId"/> defaults to <see cref="BotAuthenticationOptions.AppId"/>.</summary>
    public BotCredentialsOptions Credentials { get; } = new();

    public ConnectorClientOptions Connector { get; } = new();

    public TeamsRateLimitOptions RateLimits { get; } = new();

    /// <summary>Pace outbound calls by Teams' documented limits.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>
    /// Accept requests without a token. Honoured only while no app id is configured (local tools
    /// such as the Agents Playground send none); with an app id every request needs a valid token.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>
    /// Accept activities whose <c>serviceUrl</c> is plain http on a loopback host (local tools such
    /// as the Agents Playground and test doubles). Off: every serviceUrl must be https.
    /// </summary>
    public bool AllowLoopbackHttpServiceUrl { get; set; }

    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long an invoke may take before Teams gets a "still working" answer (Teams gives up at ~5 s).</summary>
    public TimeSpan InvokeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public string StillWorkingMessage { get; set; } = "Still working on that. I'll message you when it's done.";

    public string UnsupportedActionMessage { get; set; } = "Sorry, that button is no longer supported.";

    public string ErrorMessage { get; set; } = "Sorry, something went wrong. Please try again.";

    internal bool IsAnonymousAllowed => AllowUnauthenticated && string.IsNullOrWhiteSpace(Authentication.AppId);
}
