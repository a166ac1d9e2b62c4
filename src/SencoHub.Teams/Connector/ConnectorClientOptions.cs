namespace SencoHub.Teams.Connector;

/// <summary>Settings for outbound Connector calls.</summary>
public sealed class ConnectorClientOptions
{
    /// <summary>Hosts trusted with the bot token besides the Teams service hosts (e.g. <c>127.0.0.1</c> in tests).</summary>
    public IList<string> AdditionalTrustedHosts { get; } = [];

    /// <summary>In-process retries of throttled calls; null disables them (e.g. when an outbox retries).</summary>
    public ConnectorRetryOptions? Retry { get; set; } = new();
}
