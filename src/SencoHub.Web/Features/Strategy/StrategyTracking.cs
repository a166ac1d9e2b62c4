using System.Globalization;

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

    public static string NudgeCard(int versionId, string aadObjectId, DateOnly on) =>
        $"strategy:{versionId}:nudge:{aadObjectId}:{on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string NudgesOf(int versionId, string aadObjectId) => $"strategy:{versionId}:nudge:{aadObjectId}:";
}
