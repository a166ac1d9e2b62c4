namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// The five review areas of the MAT SEND review framework, which check-in self-evaluation is rated
/// against. Names in our own words.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ReviewArea>))]
public enum ReviewArea
{
    Leadership,
    Identification,
    TrackingProgress,
    TeachingAndIntervention,
    DevelopingProvision,
}

public static class ReviewAreas
{
    public static string Display(this ReviewArea area) => area switch
    {
        ReviewArea.Leadership => "Leadership",
        ReviewArea.Identification => "Identification",
        ReviewArea.TrackingProgress => "Tracking and monitoring progress",
        ReviewArea.TeachingAndIntervention => "High quality teaching and intervention",
        _ => "Developing provision",
    };
}
