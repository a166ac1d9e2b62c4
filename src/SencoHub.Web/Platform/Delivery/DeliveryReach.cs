using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>Where a message stands for its recipient, in the words every feature shows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecipientDelivery>))]
public enum RecipientDelivery
{
    /// <summary>Queued, being sent, or waiting out Teams' limits.</summary>
    OnItsWay,
    Delivered,

    /// <summary>They have not installed the app and have not been seen: sent when they are. Neither delivered nor failed.</summary>
    CannotReachYet,
    Failed,

    /// <summary>Held for them, then made pointless (answered, acknowledged, superseded); never sent.</summary>
    NotNeeded,
}

public static class RecipientDeliveryText
{
    public static string Display(this RecipientDelivery delivery) => delivery switch
    {
        RecipientDelivery.OnItsWay => "On its way",
        RecipientDelivery.Delivered => "Delivered",
        RecipientDelivery.CannotReachYet => "Cannot reach yet (app not installed)",
        RecipientDelivery.Failed => "Not delivered",
        _ => "Not needed",
    };
}

/// <summary>Per-recipient delivery truth for features' reports, read by the tracking keys they gave their messages.</summary>
public sealed class DeliveryReach(SencoHubDb db)
{
    public async Task<IReadOnlyDictionary<string, RecipientDelivery>> OfAsync(IReadOnlyCollection<string> trackingKeys, CancellationToken cancellationToken = default)
    {
        if (trackingKeys.Count == 0)
        {
            return new Dictionary<string, RecipientDelivery>();
        }

        var states = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ReplacesTrackingKey == null && m.TrackingKey != null && trackingKeys.Contains(m.TrackingKey))
            .Select(m => new { m.TrackingKey, m.State })
            .ToListAsync(cancellationToken);
        return states.GroupBy(s => s.TrackingKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of(g.First().State), StringComparer.Ordinal);
    }

    private static RecipientDelivery Of(DeliveryState state) => state switch
    {
        DeliveryState.Delivered => RecipientDelivery.Delivered,
        DeliveryState.WaitingForInstall => RecipientDelivery.CannotReachYet,
        DeliveryState.Failed => RecipientDelivery.Failed,
        DeliveryState.Superseded => RecipientDelivery.NotNeeded,
        _ => RecipientDelivery.OnItsWay,
    };
}
