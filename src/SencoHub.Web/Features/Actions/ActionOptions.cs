using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Features.Actions;

/// <summary>Chasing, counted in school days so nothing falls due in a holiday.</summary>
public sealed class ActionOptions
{
    public const string SectionName = "SencoHub:Actions";

    /// <summary>The owner is reminded this many school days before the due date (N).</summary>
    [Range(1, 60)]
    public int DueSoonSchoolDays { get; set; } = 3;

    /// <summary>After the first overdue reminder (the first school day after the due date), the next come every M school days.</summary>
    [Range(1, 60)]
    public int OverdueEverySchoolDays { get; set; } = 5;

    /// <summary>After this many school days overdue (K), the SEND lead gets the assignment in their escalation digest.</summary>
    [Range(1, 200)]
    public int EscalateAfterSchoolDays { get; set; } = 10;

    /// <summary>How often the activity-feed sender looks for notifications to send (when Graph is enabled).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ActivityFeedPollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
