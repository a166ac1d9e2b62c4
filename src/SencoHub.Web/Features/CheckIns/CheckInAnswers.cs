using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// A school's answers, by question id: numbers and rating points as integers, choices as arrays of
/// values, text as strings, yes/no as booleans. Stored as JSON in a stable key order.
/// </summary>
public sealed class CheckInAnswers
{
    private readonly SortedDictionary<string, JsonNode> _values = new(StringComparer.Ordinal);

    public static CheckInAnswers Empty => new();

    public int Count => _values.Count;

    public IEnumerable<string> QuestionIds => _values.Keys;

    public static CheckInAnswers Parse(string json)
    {
        var answers = new CheckInAnswers();
        if (JsonNode.Parse(json) is JsonObject values)
        {
            foreach (var (id, value) in values)
            {
                if (value is not null)
                {
                    answers._values[id] = value.DeepClone();
                }
            }
        }

        return answers;
    }

    public string ToJson()
    {
        var json = new JsonObject();
        foreach (var (id, value) in _values)
        {
            json[id] = value.DeepClone();
        }

        return json.ToJsonString();
    }

    public bool Has(string id) => _values.ContainsKey(id);

    public int? Number(string id) =>
        _values.GetValueOrDefault(id) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    public string? Text(string id) =>
        _values.GetValueOrDefault(id) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public bool? Flag(string id) =>
        _values.GetValueOrDefault(id) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public IReadOnlyList<string> Choices(string id) => _values.GetValueOrDefault(id) switch
    {
        JsonArray array => [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())],
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    public void SetNumber(string id, int value) => _values[id] = JsonValue.Create(value);

    public void SetText(string id, string value) => _values[id] = JsonValue.Create(value);

    public void SetFlag(string id, bool value) => _values[id] = JsonValue.Create(value);

    public void SetChoices(string id, IEnumerable<string> values) => _values[id] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>The answer as a person reads it (choices by label, ratings with their label); null when unanswered.</summary>
    public string? Describe(SurveyQuestion question)
    {
        switch (question.Type)
        {
            case QuestionType.Number:
                return Number(question.Id)?.ToString("N0", CultureInfo.InvariantCulture);
            case QuestionType.Rating:
                return Number(question.Id) is { } point ? $"{point} – {question.ScaleLabel(point)}" : null;
            case QuestionType.YesNo:
                return Flag(question.Id) is { } flag ? (flag ? "Yes" : "No") : null;
            case QuestionType.Single or QuestionType.Multiple:
                var choices = Choices(question.Id);
                return choices.Count == 0 ? null : string.Join("; ", choices.Select(question.OptionLabel));
            default:
                return Text(question.Id) is { Length: > 0 } text ? text : null;
        }
    }

    /// <summary>The answer as the card input's value, so a card can be shown again with it filled in.</summary>
    public string? InputValue(SurveyQuestion question) => question.Type switch
    {
        QuestionType.Number or QuestionType.Rating => Number(question.Id)?.ToString(CultureInfo.InvariantCulture),
        QuestionType.YesNo => Flag(question.Id) is { } flag ? (flag ? "yes" : "no") : null,
        QuestionType.Single or QuestionType.Multiple => Choices(question.Id) is { Count: > 0 } choices ? string.Join(",", choices) : null,
        _ => Text(question.Id),
    };

    public bool SameAs(CheckInAnswers other) => string.Equals(ToJson(), other.ToJson(), StringComparison.Ordinal);
}
