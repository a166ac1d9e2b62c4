using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Strategy;

/// <summary>
/// Outbox tracking keys of the cards a version sent, so later events (acknowledged, superseded)
/// can update the cards people already have. All start with <see cref="OfVersion"/>.
/// </summary>
internal static class StrategyTracking
{
    public static string OfVersion(int versionId) => $"strategy:{versionId}:";

    public static string PersonCard(int versionId, string aadObjectId) => $"strategy:{versionId}:person:{aadObjectId}";

    public static string ChannelCard(int versionId) => $"strategy:{versionId}:channel";

    /// <summary>The subject of a version's reminders (<see cref="DailyReminders"/>: one a day per headteacher).</summary>
    public static string Nudges(int versionId) => $"strategy:{versionId}:nudge";

    public static string NudgesOf(int versionId, string aadObjectId) => DailyReminders.ForPerson(Nudges(versionId), aadObjectId);
}
