using SencoHub.Web.Platform.Review;
namespace SencoHub.Web.Features.CheckIns;

public sealed record CheckInResults(
    int RoundId,
    string RoundName,
    string AcademicYear,
    string HalfTerm,
    DateOnly ClosesOn,
    bool IsOpen,
    int TemplateVersion,
    ResponseRate ResponseRate,
    IReadOnlyList<SchoolResponse> Schools,
    Heatmap Heatmap,
    IReadOnlyList<CountResult> Counts,
    IReadOnlyList<ChoiceTally> Tallies,
    IReadOnlyList<RatingResult> Ratings,
    IReadOnlyList<TextAnswers> TextAnswers,
    Trends Trends);

public sealed record ResponseRate(int Responded, int Expected)
{
    public int Percent => Expected == 0 ? 0 : (int)Math.Round(100.0 * Responded / Expected, MidpointRounding.AwayFromZero);
}

public sealed record SchoolResponse(string SchoolId, string SchoolName, bool Responded, DateTimeOffset? SubmittedAt, string? SubmittedBy, int Revision, IReadOnlyList<string> Sencos);

public sealed record Heatmap(IReadOnlyList<HeatmapColumn> Columns, IReadOnlyList<HeatmapRow> Rows, IReadOnlyList<double?> Averages);

public sealed record HeatmapColumn(string QuestionId, ReviewArea Area, string AreaName, int Points);

public sealed record HeatmapRow(string SchoolId, string SchoolName, bool Responded, IReadOnlyList<HeatmapCell?> Cells);

/// <summary>A rating with its words and a band 1 (lowest) to 4 (highest) for colour; the words are always shown too.</summary>
public sealed record HeatmapCell(int Value, string Label, int Band);

public sealed record CountResult(string QuestionId, string Label, IReadOnlyList<CountRow> Rows, int Total, int? PreviousTotal)
{
    public int? Change => PreviousTotal is { } previous ? Total - previous : null;
}

public sealed record CountRow(string SchoolId, string SchoolName, int? Value, int? Previous)
{
    public int? Change => Value is { } value && Previous is { } previous ? value - previous : null;
}

public sealed record ChoiceTally(string QuestionId, string Label, QuestionPurpose Purpose, int Answered, IReadOnlyList<OptionCount> Options);

public sealed record OptionCount(string Value, string Label, int Count);

public sealed record RatingResult(string QuestionId, string Label, QuestionPurpose Purpose, int Answered, double? Average, IReadOnlyList<OptionCount> Points);

public sealed record TextAnswers(string QuestionId, string Label, QuestionPurpose Purpose, IReadOnlyList<SchoolText> Answers);

public sealed record SchoolText(string SchoolId, string SchoolName, string Text);

public sealed record Trends(IReadOnlyList<TrendRound> Rounds, int MaxPoint, IReadOnlyList<AreaSeries> TrustAverage, IReadOnlyList<SchoolTrend> Schools);

public sealed record TrendRound(int RoundId, string RoundName);

/// <summary>One value per round in <see cref="Trends.Rounds"/>, null where there is no answer.</summary>
public sealed record AreaSeries(ReviewArea Area, string AreaName, IReadOnlyList<double?> Values);

public sealed record SchoolTrend(string SchoolId, string SchoolName, IReadOnlyList<AreaSeries> Areas);

/// <summary>What the network channel hears when a round closes.</summary>
public sealed record RoundSummary(string RoundName, int Responded, int Expected, int RatePercent, IReadOnlyList<LabelCount> TopSupport, IReadOnlyList<LabelCount> LowestAreas);

public sealed record LabelCount(string Label, int Count);
