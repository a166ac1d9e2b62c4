using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Features.CheckIns;

public sealed class CheckInOptions
{
    public const string SectionName = "SencoHub:CheckIns";

    /// <summary>Submitted card data above this is refused before it is read (Teams itself allows more).</summary>
    public const int MaxSubmissionBytes = 64 * 1024;

    /// <summary>Open each half-term's round automatically; otherwise only the SEND lead opens rounds.</summary>
    public bool AutoOpen { get; set; } = true;

    /// <summary>How many school days before the half-term ends an automatic round opens.</summary>
    [Range(1, 60)]
    public int OpenSchoolDaysBeforeEnd { get; set; } = 15;

    /// <summary>How many school days before the half-term ends an automatic round closes (0: on the last day).</summary>
    [Range(0, 59)]
    public int CloseSchoolDaysBeforeEnd { get; set; } = 5;

    /// <summary>SENCOs who have not answered are reminded every this many school days, and on the closing day.</summary>
    [Range(1, 20)]
    public int ReminderEverySchoolDays { get; set; } = 3;
}
