using Microsoft.Extensions.Options;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Connector;
using SencoHub.Teams.Hosting;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>
/// The Connector as the outbox uses it: Teams' rate limits applied, but no in-process retries —
/// a throttled message goes back to the outbox as Waiting with its Retry-After, so one slow
/// conversation never holds up the rest.
/// </summary>
public sealed class DeliveryConnector
{
    public const string HttpClientName = "SencoHub.Delivery";

    public DeliveryConnector(IHttpClientFactory httpClients, IBotTokenProvider tokens, TeamsRateLimiter limiter,
        IOptions<TeamsBotOptions> bot, [FromKeyedServices(TeamsBotServiceCollectionExtensions.ClockKey)] TimeProvider wallClock,
        ILogger<ConnectorClient> logger)
    {
        var options = new ConnectorClientOptions { Retry = null };
        foreach (var host in bot.Value.Connector.AdditionalTrustedHosts)
        {
            options.AdditionalTrustedHosts.Add(host);
        }

        Pacing = bot.Value.EnableRateLimiting ? limiter : null;
        Client = new ConnectorClient(httpClients.CreateClient(HttpClientName), tokens, options, Pacing, wallClock, logger);
        Unpaced = new ConnectorClient(httpClients.CreateClient(HttpClientName), tokens, options, null, wallClock, logger);
        BotId = string.IsNullOrWhiteSpace(bot.Value.Authentication.AppId) ? null : "28:" + bot.Value.Authentication.AppId;
    }

    public ConnectorClient Client { get; }

    /// <summary>
    /// For new messages: the caller waits for <see cref="Pacing"/> itself, so it can record "about to send" after
    /// the wait and right before the request (the only window in which a crash can repeat a message).
    /// </summary>
    public ConnectorClient Unpaced { get; }

    /// <summary>Teams' rate limits, when enabled.</summary>
    public TeamsRateLimiter? Pacing { get; }

    /// <summary>The bot's own id for creating conversations, when an app id is configured.</summary>
    public string? BotId { get; }
}
