using System.Text.Json.Serialization;

namespace SencoHub.Web.Platform.Review;

/// <summary>
/// The five areas a trust reviews its SEND provision by. Strategy priorities, check-in
/// self-evaluation, actions and library items are all tagged with one, so the names are shared.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewArea>))]
public enum ReviewArea
{
    Leadership,
    Identification,
    TrackingAndMonitoring,
    TeachingAndIntervention,
    DevelopingProvision,
}

public static class ReviewAreas
{
    public static IReadOnlyList<ReviewArea> All { get; } = Enum.GetValues<ReviewArea>();

    public static string Display(this ReviewArea area) => area switch
    {
        ReviewArea.Leadership => "Leadership",
        ReviewArea.Identification => "Identification",
        ReviewArea.TrackingAndMonitoring => "Tracking and monitoring progress",
        ReviewArea.TeachingAndIntervention => "High quality teaching and intervention",
        _ => "Developing provision",
    };

    /// <summary>
    /// Parses the API name (<c>TrackingAndMonitoring</c>), ignoring case; numbers are refused, so a
    /// client cannot send <c>"2"</c> and get whatever the enum's third member happens to be.
    /// </summary>
    public static bool TryParse(string? text, out ReviewArea area)
    {
        area = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                area = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Names => string.Join(", ", All);
}
