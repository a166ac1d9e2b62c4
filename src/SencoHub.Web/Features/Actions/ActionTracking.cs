using SencoHub.Web.Platform.Scheduling;

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

    /// <summary>The subject of a school's reminders (<see cref="DailyReminders"/>: one a day per owner).</summary>
    public static string Reminders(int actionId, string schoolId) => $"{OfSchool(actionId, schoolId)}reminder";

    /// <summary>The person a tracked card went to (assigned cards and reminders alike end their key with them).</summary>
    public static string Recipient(string trackingKey) => DailyReminders.Recipient(trackingKey);

    /// <summary>The school a tracked card is about (keys of <see cref="OfAction"/>).</summary>
    public static string School(string trackingKey) => trackingKey.Split(':')[2];
}
