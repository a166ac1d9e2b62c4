using System.Globalization;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// Outbox tracking keys of the cards an action sent, so a later change (an acknowledgement, an update,
/// a withdrawal) can update the cards people already have. All of one school's start with <see cref="OfSchool"/>.
/// </summary>
internal static class ActionTracking
{
    private const string To = ":to:";

    public static string OfAction(int actionId) => $"action:{actionId}:";

    public static string OfSchool(int actionId, string schoolId) => $"action:{actionId}:{schoolId}:";

    public static string Assigned(int actionId, string schoolId, string aadObjectId) => $"{OfSchool(actionId, schoolId)}assigned{To}{aadObjectId}";

    public static string Reminder(int actionId, string schoolId, DateOnly on, string aadObjectId) =>
        $"{OfSchool(actionId, schoolId)}reminder:{on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{To}{aadObjectId}";

    /// <summary>The person a tracked card went to.</summary>
    public static string Recipient(string trackingKey) => trackingKey[(trackingKey.LastIndexOf(To, StringComparison.Ordinal) + To.Length)..];

    /// <summary>The school a tracked card is about (keys of <see cref="OfAction"/>).</summary>
    public static string School(string trackingKey) => trackingKey.Split(':')[2];
}
