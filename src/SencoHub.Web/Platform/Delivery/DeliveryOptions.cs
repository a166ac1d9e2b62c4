using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Platform.Delivery;

public sealed class DeliveryOptions
{
    public const string SectionName = "SencoHub:Delivery";

    /// <summary>Run the background worker in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages claimed per round trip to the database.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Sends in flight at once; Teams' per-tenant limit paces them further.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 32;

    /// <summary>
    /// How long a claim lasts unless renewed. A live worker renews its claims every third of this, so a
    /// worker that dies (kill -9, a lost machine) frees its messages for another instance within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle worker looks for due messages (it is also woken when messages are queued).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before a throttled or unreachable message is given up as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;
}
