using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

[JsonConverter(typeof(CamelCaseEnumConverter<QuestionType>))]
public enum QuestionType
{
    Number,
    Rating,
    Single,
    Multiple,
    Short,
    Long,
    YesNo,
}

/// <summary>What a question feeds in the results, beyond its own chart or list.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<QuestionPurpose>))]
public enum QuestionPurpose
{
    General,

    /// <summary>The kinds of support schools want from the trust (summary card: the three most wanted).</summary>
    SupportWanted,
    CpdNeeds,
    Concerns,
    Wellbeing,
}

public sealed record ChoiceOption(string Value, string Label);

public sealed record SurveyQuestion
{
    public string Id { get; init; } = string.Empty;
    public QuestionType Type { get; init; }
    public string Label { get; init; } = string.Empty;
    public string? Help { get; init; }
    public bool Required { get; init; }

    /// <summary>Number: the smallest and largest accepted answers.</summary>
    public int? Min { get; init; }
    public int? Max { get; init; }

    /// <summary>Rating: the label of each point, lowest first; the answer is the point's number (1…).</summary>
    public IReadOnlyList<string>? Scale { get; init; }

    /// <summary>Single and multiple choice.</summary>
    public IReadOnlyList<ChoiceOption>? Options { get; init; }

    /// <summary>Rating: the review area it self-evaluates (a heatmap column).</summary>
    // Stored templates spell enums in camelCase like the rest of the survey JSON.
    [JsonConverter(typeof(CamelCaseEnumConverter<ReviewArea>))]
    public ReviewArea? Area { get; init; }

    public QuestionPurpose Purpose { get; init; }

    [JsonIgnore]
    public bool IsText => Type is QuestionType.Short or QuestionType.Long;

    [JsonIgnore]
    public bool IsChoice => Type is QuestionType.Single or QuestionType.Multiple or QuestionType.YesNo;

    public string ScaleLabel(int point) => Scale is { } scale && point >= 1 && point <= scale.Count ? scale[point - 1] : point.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string OptionLabel(string value) => Options?.FirstOrDefault(o => o.Value == value)?.Label ?? value;
}

public sealed record SurveySection
{
    public string Id { get; init; } = string.Empty;
    public string Title { get; init; } = string.Empty;
    public string? Help { get; init; }
    public IReadOnlyList<SurveyQuestion> Questions { get; init; } = [];
}

/// <summary>
/// A check-in survey: sections of typed questions. Immutable; a template version stores one as JSON
/// and every change makes a new version, so a round always reads the questions it was opened with.
/// </summary>
public sealed partial record SurveyDefinition
{
    public const int MaxTextLength = 2000;
    public const int MaxCount = 5000;
    public const int MaxQuestions = 60;
    public const int MaxSections = 20;
    public const int MaxLabelLength = 200;
    public const int MaxHelpLength = 500;
    public const int MaxOptions = 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public IReadOnlyList<SurveySection> Sections { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<SurveyQuestion> Questions => Sections.SelectMany(s => s.Questions);

    public SurveyQuestion? Find(string id) => Questions.FirstOrDefault(q => q.Id == id);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SurveyDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<SurveyDefinition>(json, Json) ?? throw new JsonException("The template is empty.");

    /// <summary>Ids people and exports see: lower case, digits and hyphens, starting with a letter.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Trims the text, drops settings that do not apply to a question's type, and lists every problem.</summary>
    public static SurveyDefinition Check(SurveyDefinition? input, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string path, string message)
        {
            if (!problems.TryGetValue(path, out var list))
            {
                problems[path] = list = [];
            }

            list.Add(message);
        }

        var sections = input?.Sections ?? [];
        if (sections.Count is 0 or > MaxSections)
        {
            Add("sections", $"A template has from 1 to {MaxSections} sections.");
        }

        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var questionIds = new HashSet<string>(StringComparer.Ordinal);
        var areas = new HashSet<ReviewArea>();
        var purposes = new HashSet<QuestionPurpose>();
        var cleanSections = new List<SurveySection>();
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s] ?? new SurveySection();
            var at = $"sections[{s}]";
            if (!IsValidId(section.Id) || !sectionIds.Add(section.Id))
            {
                Add($"{at}.id", "Each section needs its own id: lower-case letters, digits and hyphens, starting with a letter (at most 40).");
            }

            var title = Text(section.Title, 120, $"{at}.title", required: true, Add);
            var help = Optional(Text(section.Help, MaxHelpLength, $"{at}.help", required: false, Add));
            var questions = new List<SurveyQuestion>();
            for (var q = 0; q < (section.Questions?.Count ?? 0); q++)
            {
                var question = CheckQuestion(section.Questions![q] ?? new SurveyQuestion(), $"{at}.questions[{q}]", questionIds, areas, purposes, Add);
                questions.Add(question);
            }

            cleanSections.Add(new SurveySection { Id = section.Id ?? string.Empty, Title = title, Help = help, Questions = questions });
        }

        var total = cleanSections.Sum(s => s.Questions.Count);
        if (total is 0 or > MaxQuestions)
        {
            Add("sections", $"A template has from 1 to {MaxQuestions} questions.");
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return new SurveyDefinition { Sections = cleanSections };
    }

    private static SurveyQuestion CheckQuestion(SurveyQuestion question, string at, HashSet<string> ids, HashSet<ReviewArea> areas,
        HashSet<QuestionPurpose> purposes, Action<string, string> add)
    {
        if (!IsValidId(question.Id) || !ids.Add(question.Id))
        {
            add($"{at}.id", "Each question needs its own id: lower-case letters, digits and hyphens, starting with a letter (at most 40).");
        }

        if (!Enum.IsDefined(question.Type))
        {
            add($"{at}.type", "Choose a question type.");
        }

        var clean = question with
        {
            Label = Text(question.Label, MaxLabelLength, $"{at}.label", required: true, add),
            Help = Optional(Text(question.Help, MaxHelpLength, $"{at}.help", required: false, add)),
            Min = null,
            Max = null,
            Scale = null,
            Options = null,
            Area = null,
        };

        switch (question.Type)
        {
            case QuestionType.Number:
                var min = question.Min ?? 0;
                var max = question.Max ?? MaxCount;
                if (min < 0 || max > MaxCount || min > max)
                {
                    add($"{at}.max", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Numbers go from a minimum of 0 or more to a maximum of {MaxCount:N0} or less, minimum first."));
                }

                clean = clean with { Min = min, Max = max };
                break;
            case QuestionType.Rating:
                var scale = (question.Scale ?? []).Select((l, i) => Text(l, 60, $"{at}.scale[{i}]", required: true, add)).ToList();
                if (scale.Count is < 2 or > 10)
                {
                    add($"{at}.scale", "A rating has from 2 to 10 points, each with a label.");
                }

                if (question.Area is { } area && (!Enum.IsDefined(area) || !areas.Add(area)))
                {
                    add($"{at}.area", "Each review area can be rated by one question only.");
                }

                clean = clean with { Scale = scale, Area = question.Area };
                break;
            case QuestionType.Single or QuestionType.Multiple:
                var options = question.Options ?? [];
                var values = new HashSet<string>(StringComparer.Ordinal);
                var cleanOptions = new List<ChoiceOption>();
                for (var o = 0; o < options.Count; o++)
                {
                    var option = options[o];
                    if (option is null || !IsValidOptionValue(option.Value) || !values.Add(option.Value))
                    {
                        add($"{at}.options[{o}].value", "Each choice needs its own value: lower-case letters, digits and hyphens (at most 40).");
                    }

                    cleanOptions.Add(new ChoiceOption(option?.Value ?? string.Empty, Text(option?.Label, 120, $"{at}.options[{o}].label", required: true, add)));
                }

                if (cleanOptions.Count is 0 or > MaxOptions)
                {
                    add($"{at}.options", $"A choice question has from 1 to {MaxOptions} choices.");
                }

                clean = clean with { Options = cleanOptions };
                break;
        }

        if (question.Area is not null && question.Type != QuestionType.Rating)
        {
            add($"{at}.area", "Only a rating question can be tagged with a review area.");
        }

        var purposeFits = question.Purpose switch
        {
            QuestionPurpose.General => true,
            QuestionPurpose.SupportWanted or QuestionPurpose.CpdNeeds => question.Type is QuestionType.Single or QuestionType.Multiple,
            QuestionPurpose.Concerns => question.IsText,
            QuestionPurpose.Wellbeing => question.Type == QuestionType.Rating && question.Area is null,
            _ => false,
        };
        if (!purposeFits)
        {
            add($"{at}.purpose", "That purpose does not fit the question's type (support and CPD: a choice; concerns: text; wellbeing: a rating without a review area).");
        }
        else if (question.Purpose != QuestionPurpose.General && !purposes.Add(question.Purpose))
        {
            add($"{at}.purpose", "Only one question can have each purpose.");
        }

        return clean;
    }

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private static bool IsValidOptionValue(string? value) => value is not null && OptionPattern().IsMatch(value);

    private static string Text(string? value, int max, string path, bool required, Action<string, string> add)
    {
        var text = value?.Trim() ?? string.Empty;
        if (required && text.Length == 0)
        {
            add(path, "This cannot be empty.");
        }
        else if (text.Length > max)
        {
            add(path, $"Keep this to {max} characters or fewer.");
        }
        else if (PupilDataGuard.ContainsUpn(text))
        {
            // Labels reach every SENCO's card and every export.
            add(path, PupilDataGuard.Message);
        }

        return text;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();

    // Multi-select answers arrive comma-separated, so values never hold commas.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex OptionPattern();
}

/// <summary>Check-in enums in JSON (template, results, API): camel-case names, never numbers.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
