namespace SencoHub.Web.Features.Strategy;

/// <summary>Sensible sizes: long enough for a real strategy, short enough for a card under 40 KB.</summary>
public static class StrategyLimits
{
    public const int TitleLength = 150;
    public const int VisionLength = 20_000;
    public const int MaxPriorities = 20;
    public const int PriorityTitleLength = 150;
    public const int DescriptionLength = 2_000;
    public const int SuccessMeasuresLength = 2_000;
    public const int OwnerLength = 150;

    /// <summary>Half-terms: six a year, so up to three school years.</summary>
    public const int MaxTimeframe = 18;

    public const int KeyLength = 36;
    public const int PersonNameLength = 200;

    /// <summary>Request bodies for drafts: the limits above with room for JSON.</summary>
    public const long MaxRequestBytes = 256 * 1024;
}
