using System.Text;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>The tab editor's changes to a survey, each giving a new definition to save as the next version.</summary>
public static class TemplateEdits
{
    public static SurveyDefinition Move(SurveyDefinition survey, string questionId, bool up) => Change(survey, questionId, (questions, index) =>
    {
        var target = up ? index - 1 : index + 1;
        if (target >= 0 && target < questions.Count)
        {
            (questions[index], questions[target]) = (questions[target], questions[index]);
        }
    });

    public static SurveyDefinition SetRequired(SurveyDefinition survey, string questionId, bool required) =>
        Change(survey, questionId, (questions, index) => questions[index] = questions[index] with { Required = required });

    /// <summary>Removes a question; a section left empty goes too.</summary>
    public static SurveyDefinition Remove(SurveyDefinition survey, string questionId)
    {
        var changed = Change(survey, questionId, (questions, index) => questions.RemoveAt(index));
        return changed with { Sections = [.. changed.Sections.Where(s => s.Questions.Count > 0)] };
    }

    /// <summary>Adds a question at the end of a section, with an id made from its label.</summary>
    public static SurveyDefinition Add(SurveyDefinition survey, string sectionId, SurveyQuestion question)
    {
        if (survey.Sections.All(s => s.Id != sectionId))
        {
            throw ProblemException.Invalid("section", "Choose a section for the question.");
        }

        var taken = survey.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var added = question with { Id = UniqueSlug(question.Label, "question", taken) };
        return survey with
        {
            Sections = [.. survey.Sections.Select(s => s.Id == sectionId ? s with { Questions = [.. s.Questions, added] } : s)],
        };
    }

    /// <summary>Choices typed one per line become options whose values are made from their labels.</summary>
    public static IReadOnlyList<ChoiceOption> OptionsFromLines(string? lines)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return [.. Lines(lines).Select(label => new ChoiceOption(UniqueSlug(label, "choice", taken), label))];
    }

    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Lower-case letters, digits and hyphens from the text, starting with a letter, at most 40, not already taken.</summary>
    public static string UniqueSlug(string text, string fallback, ISet<string> taken)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || (char.IsAsciiDigit(c) && slug.Length > 0))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-' && (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c)))
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString().Trim('-');
        stem = stem.Length == 0 ? fallback : stem.Length > 34 ? stem[..34].TrimEnd('-') : stem;
        var candidate = stem;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        taken.Add(candidate);
        return candidate;
    }

    private static SurveyDefinition Change(SurveyDefinition survey, string questionId, Action<List<SurveyQuestion>, int> change)
    {
        var sections = new List<SurveySection>();
        var found = false;
        foreach (var section in survey.Sections)
        {
            var questions = section.Questions.ToList();
            var index = questions.FindIndex(q => q.Id == questionId);
            if (index >= 0)
            {
                change(questions, index);
                found = true;
            }

            sections.Add(section with { Questions = questions });
        }

        return found ? survey with { Sections = sections } : throw ProblemException.NotFound("That question");
    }
}
