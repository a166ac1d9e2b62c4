using System.Text.Json.Serialization;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>What kind of resource it is; one per resource.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceCategory>))]
public enum ResourceCategory
{
    Template,
    TrainingPack,
    BestPractice,
    Policy,
    Guidance,
}

/// <summary>The four broad areas of need of the SEND Code of Practice (2015).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NeedArea>))]
public enum NeedArea
{
    CommunicationAndInteraction,
    CognitionAndLearning,

    /// <summary>Social, emotional and mental health.</summary>
    SemhNeeds,
    SensoryAndPhysical,
}

/// <summary>
/// Display names, strict parsing, and the bit sets the multi-valued tags are stored as (one integer
/// column per kind), which lets search filter and count every tag in one pass over the rows. Each
/// kind has a fixed bit order here, independent of its enum's order, so a member added to an enum
/// elsewhere cannot shift stored bits: it fails loudly until it is given a bit at the end.
/// </summary>
public static class LibraryTags
{
    private static readonly ReviewArea[] ReviewAreaBits =
        [ReviewArea.Leadership, ReviewArea.Identification, ReviewArea.TrackingAndMonitoring, ReviewArea.TeachingAndIntervention, ReviewArea.DevelopingProvision];

    private static readonly NeedArea[] NeedAreaBits =
        [NeedArea.CommunicationAndInteraction, NeedArea.CognitionAndLearning, NeedArea.SemhNeeds, NeedArea.SensoryAndPhysical];

    private static readonly SchoolPhase[] PhaseBits =
        [SchoolPhase.Primary, SchoolPhase.Secondary, SchoolPhase.Special, SchoolPhase.AllThrough, SchoolPhase.AlternativeProvision];

    private static readonly Role[] AudienceBits = [Role.SendLead, Role.Trustee, Role.Senco, Role.Headteacher, Role.Staff];

    public static string Display(this ResourceCategory category) => category switch
    {
        ResourceCategory.Template => "Template",
        ResourceCategory.TrainingPack => "Training pack",
        ResourceCategory.BestPractice => "Best practice",
        ResourceCategory.Policy => "Policy",
        _ => "Guidance",
    };

    public static string Display(this NeedArea need) => need switch
    {
        NeedArea.CommunicationAndInteraction => "Communication and interaction",
        NeedArea.CognitionAndLearning => "Cognition and learning",
        NeedArea.SemhNeeds => "Social, emotional and mental health",
        _ => "Sensory and/or physical",
    };

    public static int Bits(IEnumerable<ReviewArea> values) => Combine(values, ReviewAreaBits);

    public static int Bits(IEnumerable<NeedArea> values) => Combine(values, NeedAreaBits);

    public static int Bits(IEnumerable<SchoolPhase> values) => Combine(values, PhaseBits);

    public static int Bits(IEnumerable<Role> values) => Combine(values, AudienceBits);

    public static int Bit(ReviewArea value) => 1 << Index(value, ReviewAreaBits);

    public static int Bit(NeedArea value) => 1 << Index(value, NeedAreaBits);

    public static int Bit(SchoolPhase value) => 1 << Index(value, PhaseBits);

    public static int Bit(Role value) => 1 << Index(value, AudienceBits);

    public static IReadOnlyList<ReviewArea> ReviewAreas(int bits) => Members(bits, ReviewAreaBits);

    public static IReadOnlyList<NeedArea> NeedAreas(int bits) => Members(bits, NeedAreaBits);

    public static IReadOnlyList<SchoolPhase> Phases(int bits) => Members(bits, PhaseBits);

    public static IReadOnlyList<Role> Audiences(int bits) => Members(bits, AudienceBits);

    /// <summary>Names only, ignoring case; numbers are refused so <c>"1"</c> never means a member by position.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());

    private static int Combine<T>(IEnumerable<T> values, T[] order) where T : struct, Enum =>
        values.Aggregate(0, (bits, value) => bits | (1 << Index(value, order)));

    private static int Index<T>(T value, T[] order) where T : struct, Enum
    {
        var index = Array.IndexOf(order, value);
        return index >= 0 ? index : throw new InvalidOperationException($"{typeof(T).Name}.{value} has no library tag bit; add it at the end of its list in LibraryTags.");
    }

    private static T[] Members<T>(int bits, T[] order) where T : struct, Enum =>
        [.. order.Where((_, i) => (bits & (1 << i)) != 0)];
}
