using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Features.Strategy;

public sealed class StrategyOptions
{
    public const string SectionName = "SencoHub:Strategy";

    /// <summary>Headteachers are first reminded when a version has been published this many school days (N).</summary>
    [Range(1, 100)]
    public int NudgeAfterSchoolDays { get; set; } = 3;

    /// <summary>After a reminder, the next comes no sooner than this many school days later (M).</summary>
    [Range(1, 100)]
    public int NudgeEverySchoolDays { get; set; } = 3;
}
