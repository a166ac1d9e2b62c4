using System.Globalization;
using SencoHub.Teams.Activities;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Platform.Scheduling;

/// <summary>
/// The one rule for "at most one reminder per person per day": the reminder's outbox idempotency key
/// names the subject, the person and the trust-local day, so a second run, a second instance or a
/// "nudge now" on the same day queues nothing. Features keep their own history (when someone was last
/// chased) only to space reminders, never to stop a second one on the same day.
/// </summary>
public static class DailyReminders
{
    /// <summary>The key of <paramref name="subject"/>'s reminder to a person on a day; also its tracking key.</summary>
    public static string Key(string subject, string aadObjectId, DateOnly day) =>
        $"{ForPerson(subject, aadObjectId)}{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>What every reminder of <paramref name="subject"/> to this person starts with, whatever the day.</summary>
    public static string ForPerson(string subject, string aadObjectId) => $"{subject}:to:{aadObjectId}:on:";

    /// <summary>The person a reminder key is addressed to.</summary>
    public static string Recipient(string key)
    {
        var start = key.LastIndexOf(":to:", StringComparison.Ordinal) + ":to:".Length;
        var end = key.IndexOf(':', start);
        return end < 0 ? key[start..] : key[start..end];
    }

    /// <summary>
    /// Queues the reminder unless this person already has one about <paramref name="subject"/> on <paramref name="day"/>.
    /// A reminder is about today: for someone the bot cannot reach yet it is dropped, not held until they install.
    /// </summary>
    /// <returns>False when they had it already: nothing was queued.</returns>
    public static Task<bool> RemindOncePerDayAsync(this Outbox outbox, string subject, string aadObjectId, DateOnly day, Activity message, string topic,
        DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default)
    {
        var key = Key(subject, aadObjectId, day);
        return outbox.ToPersonAsync(aadObjectId, message, key, topic, trackingKey: key, notBefore: notBefore, ifUnreachable: IfUnreachable.Skip, cancellationToken: cancellationToken);
    }
}
