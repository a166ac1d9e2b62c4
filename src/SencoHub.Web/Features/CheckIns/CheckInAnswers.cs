using System.Globalization;
using System.Text.Json;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// A school's answers, by question id: numbers and rating points as integers, choices as arrays of
/// values, text as strings, yes/no as booleans. Stored as JSON in a stable key order.
/// </summary>
public sealed class CheckInAnswers
{
    // One of: int (numbers, rating points), string (text), string[] (choices), bool (yes/no).
    private readonly SortedDictionary<string, object> _values = new(StringComparer.Ordinal);

    public IEnumerable<string> QuestionIds => _values.Keys;

    /// <summary>Reads stored answers with a forward-only reader: the dashboard parses thousands at a time.</summary>
    public static CheckInAnswers Parse(string json)
    {
        var answers = new CheckInAnswers();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return answers;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var id = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt32(out var number):
                    answers._values[id] = number;
                    break;
                case JsonTokenType.String:
                    answers._values[id] = reader.GetString()!;
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    answers._values[id] = reader.GetBoolean();
                    break;
                case JsonTokenType.StartArray:
                    var choices = new List<string>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            choices.Add(reader.GetString()!);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    answers._values[id] = choices.ToArray();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return answers;
    }

    public string ToJson() => Write(_values);

    /// <summary>Only the whole-number answers (counts and rating points): what trends and changes read across rounds.</summary>
    public string NumbersToJson() => Write(_values.Where(v => v.Value is int));

    private static string Write(IEnumerable<KeyValuePair<string, object>> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (id, value) in values)
            {
                writer.WritePropertyName(id);
                switch (value)
                {
                    case int number:
                        writer.WriteNumberValue(number);
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    case string[] choices:
                        writer.WriteStartArray();
                        foreach (var choice in choices)
                        {
                            writer.WriteStringValue(choice);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        writer.WriteStringValue((string)value);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public bool Has(string id) => _values.ContainsKey(id);

    public int? Number(string id) => _values.GetValueOrDefault(id) is int number ? number : null;

    public string? Text(string id) => _values.GetValueOrDefault(id) as string;

    public bool? Flag(string id) => _values.GetValueOrDefault(id) is bool flag ? flag : null;

    public IReadOnlyList<string> Choices(string id) => _values.GetValueOrDefault(id) switch
    {
        string[] choices => choices,
        string single => [single],
        _ => [],
    };

    public void SetNumber(string id, int value) => _values[id] = value;

    public void SetText(string id, string value) => _values[id] = value;

    public void SetFlag(string id, bool value) => _values[id] = value;

    public void SetChoices(string id, IEnumerable<string> values) => _values[id] = values.ToArray();

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
