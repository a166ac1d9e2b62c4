using System.Globalization;
using System.Text;
using System.Text.Json;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// Reads a submitted check-in card against its survey, trusting nothing the client did: types,
/// ranges, required answers, text length and the pupil-identifier rule are all checked again here.
/// Inputs the survey does not have are ignored.
/// </summary>
public sealed class CheckInForm
{
    /// <summary>Card inputs are named after the question so they never collide with the action's own data.</summary>
    public const string InputPrefix = "q_";

    private CheckInForm(CheckInAnswers answers, Dictionary<string, string> errors, Dictionary<string, string> entered)
    {
        Answers = answers;
        Errors = errors;
        Entered = entered;
    }

    /// <summary>The answers that were valid.</summary>
    public CheckInAnswers Answers { get; }

    /// <summary>By question id: what is wrong, in words for the person.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>By question id: what the person entered, to show the card again with it.</summary>
    public IReadOnlyDictionary<string, string> Entered { get; }

    public bool IsValid => Errors.Count == 0;

    public static string InputId(SurveyQuestion question) => InputPrefix + question.Id;

    public static CheckInForm Read(SurveyDefinition survey, JsonElement? data)
    {
        var answers = new CheckInAnswers();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var entered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            if (!TryRaw(data, InputId(question), out var raw))
            {
                errors[question.Id] = "This answer was not in a form SencoHub can read. Answer it again.";
                continue;
            }

            if (raw.Length > 0)
            {
                entered[question.Id] = raw;
            }

            var error = string.IsNullOrWhiteSpace(raw)
                ? (question.Required ? RequiredMessage(question) : null)
                : ReadAnswer(question, raw, answers);
            if (error is not null)
            {
                errors[question.Id] = error;
            }
        }

        return new CheckInForm(answers, errors, entered);
    }

    public static string RequiredMessage(SurveyQuestion question) => question.Type switch
    {
        QuestionType.Number => "Enter a number (0 if there are none).",
        QuestionType.Short or QuestionType.Long => "Write an answer.",
        _ => "Choose an answer.",
    };

    private static string? ReadAnswer(SurveyQuestion question, string raw, CheckInAnswers answers)
    {
        var text = raw.Trim();
        switch (question.Type)
        {
            case QuestionType.Number:
                var (min, max) = (question.Min ?? 0, question.Max ?? SurveyDefinition.MaxCount);
                var range = $"Enter a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.";
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    || number != decimal.Truncate(number))
                {
                    return range;
                }

                if (number < min || number > max)
                {
                    return range;
                }

                answers.SetNumber(question.Id, (int)number);
                return null;

            case QuestionType.Rating:
                var points = question.Scale?.Count ?? 0;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var point) || point < 1 || point > points)
                {
                    return "Choose one of the points on the scale.";
                }

                answers.SetNumber(question.Id, point);
                return null;

            case QuestionType.YesNo:
                bool? flag = text.ToUpperInvariant() switch { "YES" or "TRUE" => true, "NO" or "FALSE" => false, _ => null };
                if (flag is null)
                {
                    return "Choose yes or no.";
                }

                answers.SetFlag(question.Id, flag.Value);
                return null;

            case QuestionType.Single:
                if (question.Options?.Any(o => o.Value == text) != true)
                {
                    return "Choose one of the options.";
                }

                answers.SetChoices(question.Id, [text]);
                return null;

            case QuestionType.Multiple:
                var chosen = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
                if (chosen.Count == 0 && question.Required)
                {
                    return RequiredMessage(question);
                }

                if (chosen.Any(c => question.Options?.Any(o => o.Value == c) != true))
                {
                    return "Choose from the options listed.";
                }

                // Kept in the survey's order, so the same choices always store the same way.
                answers.SetChoices(question.Id, question.Options!.Select(o => o.Value).Where(chosen.Contains));
                return null;

            default:
                var clean = CleanText(raw, multiline: question.Type == QuestionType.Long);
                if (clean.Length > SurveyDefinition.MaxTextLength)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"Keep this to {SurveyDefinition.MaxTextLength:N0} characters or fewer (it has {clean.Length:N0}).");
                }

                if (PupilDataGuard.ContainsUpn(clean))
                {
                    return PupilDataGuard.Message;
                }

                if (clean.Length == 0)
                {
                    return question.Required ? RequiredMessage(question) : null;
                }

                answers.SetText(question.Id, clean);
                return null;
        }
    }

    /// <summary>
    /// Text as typed, minus what cannot be stored or exported safely: control characters other than
    /// new lines and tabs (invalid in XML and so in XLSX), and new lines in one-line answers.
    /// </summary>
    public static string CleanText(string raw, bool multiline)
    {
        var text = new StringBuilder(raw.Length);
        foreach (var c in raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c == '\n')
            {
                text.Append(multiline ? '\n' : ' ');
            }
            else if (c == '\t' || !char.IsControl(c) && c is not ('\uFFFE' or '\uFFFF'))
            {
                text.Append(c);
            }
        }

        return RemoveLoneSurrogates(text.ToString()).Trim();
    }

    // A lone surrogate cannot be written as UTF-8 or XML; only well-formed pairs are kept.
    private static string RemoveLoneSurrogates(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (!char.IsSurrogate(text[i]))
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>The input's value as text: inputs submit strings, but a forged or older client may send numbers, booleans or arrays.</summary>
    private static bool TryRaw(JsonElement? data, string name, out string raw)
    {
        raw = string.Empty;
        if (data is not { ValueKind: JsonValueKind.Object } values || !values.TryGetProperty(name, out var value))
        {
            return true;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                raw = value.GetString() ?? string.Empty;
                return true;
            case JsonValueKind.Number:
                raw = value.GetRawText();
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                raw = value.GetBoolean() ? "true" : "false";
                return true;
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String):
                raw = string.Join(",", value.EnumerateArray().Select(v => v.GetString()));
                return true;
            default:
                return false;
        }
    }
}
