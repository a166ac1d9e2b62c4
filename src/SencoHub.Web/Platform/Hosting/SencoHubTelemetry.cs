using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SencoHub.Web.Platform.Hosting;

/// <summary>SencoHub's own traces and metrics, exported with the framework's when telemetry is on.</summary>
public static class SencoHubTelemetry
{
    public const string Name = "SencoHub";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Outbox messages finished or put back, by <c>outcome</c> (delivered, waiting, failed) and topic.</summary>
    public static readonly Counter<long> DeliveryOutcomes = Meter.CreateCounter<long>(
        "sencohub.delivery.messages", unit: "{message}", description: "Outbox messages by outcome: delivered, waiting (throttled or retried later) or failed.");
}
