using System.Globalization;
using System.Text.Json;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>The body of <c>POST /api/actions</c>, as sent: anything may be missing or wrong.</summary>
/// <param name="Schools">An array of school ids, or the string <c>"all"</c>.</param>
public sealed record CreateActionRequest(string? Title, string? Detail, int? PriorityId, string? ReviewArea, string? Priority,
    string? DueOn, string? OwnerRole, JsonElement? Schools);

/// <summary>The body of <c>POST /api/actions/{id}/schools/{schoolId}/updates</c> (and of the card's inline update).</summary>
public sealed record ProgressRequest(string? Status, string? Note, string? EvidenceUrl);

/// <summary>The body of <c>POST /api/actions/{id}/withdraw</c>; optional.</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>An action's own fields once every rule has passed; the only way they reach an <see cref="ActionItem"/>.</summary>
public sealed record ActionContent(string Title, string Detail, StrategyPriorityInfo? StrategyPriority, ReviewArea ReviewArea,
    ActionPriority Priority, DateOnly DueOn, ActionOwnerRole OwnerRole)
{
    /// <summary>Checks the fields that need nothing but the request and today's date; problems go in <paramref name="errors"/>.</summary>
    internal static (string Title, string Detail, ReviewArea? Area, ActionPriority Priority, DateOnly DueOn, ActionOwnerRole Owner) Check(
        CreateActionRequest request, DateOnly today, IDictionary<string, string[]> errors)
    {
        var title = TypedText.Line(errors, "title", request.Title, ActionLimits.TitleLength, "The action needs a title.");
        var detail = TypedText.Text(errors, "detail", request.Detail, ActionLimits.DetailLength, "Say what the school should do, in the detail.");
        ReviewArea? area = null;
        if (!string.IsNullOrWhiteSpace(request.ReviewArea))
        {
            if (ReviewAreas.TryParse(request.ReviewArea, out var parsed))
            {
                area = parsed;
            }
            else
            {
                errors["reviewArea"] = [$"\"{TypedText.Shorten(request.ReviewArea)}\" is not a review area. Use one of {ReviewAreas.Names}."];
            }
        }
        else if (request.PriorityId is null)
        {
            errors["reviewArea"] = [$"Choose the review area: one of {ReviewAreas.Names}."];
        }

        var priority = Choice<ActionPriority>(errors, "priority", request.Priority, "Choose the priority");
        var owner = Choice<ActionOwnerRole>(errors, "ownerRole", request.OwnerRole, "Choose who owns it in each school");
        var due = default(DateOnly);
        if (string.IsNullOrWhiteSpace(request.DueOn))
        {
            errors["dueOn"] = ["Give the due date, as 2027-01-29."];
        }
        else if (!DateOnly.TryParseExact(request.DueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due))
        {
            errors["dueOn"] = [$"\"{TypedText.Shorten(request.DueOn)}\" is not a date; give it as 2027-01-29."];
        }
        else if (due < today)
        {
            errors["dueOn"] = [$"The due date {due:yyyy-MM-dd} has passed; choose today or a later date."];
        }
        else if (due > today.AddYears(ActionLimits.MaxYearsAhead))
        {
            errors["dueOn"] = [$"The due date {due:yyyy-MM-dd} is more than {ActionLimits.MaxYearsAhead} years away; check the year."];
        }

        return (title, detail, area, priority, due, owner);
    }

    /// <summary>The school ids asked for, or null for "all"; a problem is added when the shape is wrong.</summary>
    internal static (bool All, IReadOnlyList<string> Ids) Schools(JsonElement? schools, IDictionary<string, string[]> errors)
    {
        const string Shape = "List the schools as an array of school ids, or send \"all\".";
        switch (schools)
        {
            case { ValueKind: JsonValueKind.String } text when string.Equals(text.GetString()?.Trim(), "all", StringComparison.OrdinalIgnoreCase):
                return (true, []);
            case { ValueKind: JsonValueKind.Array } array:
                var ids = new List<string>();
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        errors["schools"] = [Shape];
                        return (false, []);
                    }

                    ids.Add(item.GetString()!.Trim());
                }

                if (ids.Count == 0)
                {
                    errors["schools"] = ["Choose at least one school, or \"all\"."];
                }

                return (false, [.. ids.Distinct(StringComparer.Ordinal)]);
            default:
                errors["schools"] = [Shape];
                return (false, []);
        }
    }

    private static TEnum Choice<TEnum>(IDictionary<string, string[]> errors, string field, string? value, string ask) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{ask}: one of {ActionEnums.Names<TEnum>()}."];
        }
        else if (ActionEnums.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }
        else
        {
            errors[field] = [$"\"{TypedText.Shorten(value)}\" is not allowed here. Use one of {ActionEnums.Names<TEnum>()}."];
        }

        return default;
    }
}

/// <summary>A school's progress update once checked: status, note (may be empty) and an https evidence link.</summary>
public sealed record ProgressContent(AssignmentStatus Status, string Note, string? EvidenceUrl)
{
    public static ProgressContent From(ProgressRequest? request, AssignmentStatus current)
    {
        if (request is null)
        {
            throw ProblemException.Invalid("body", "Send the update as JSON: { status, note, evidenceUrl }.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var status = current;
        if (string.IsNullOrWhiteSpace(request.Status))
        {
            errors["status"] = [$"Choose the status: one of {ActionEnums.Names<AssignmentStatus>()}."];
        }
        else if (!ActionEnums.TryParse(request.Status, out status))
        {
            errors["status"] = [$"\"{TypedText.Shorten(request.Status)}\" is not a status. Use one of {ActionEnums.Names<AssignmentStatus>()}."];
        }

        var note = TypedText.Text(errors, "note", request.Note, ActionLimits.NoteLength, null);
        var evidence = ActionText.EvidenceUrl(errors, "evidenceUrl", request.EvidenceUrl);
        if (errors.Count == 0 && status == current && note.Length == 0 && evidence is null)
        {
            errors["note"] = [$"The status is already {status.Display().ToLowerInvariant()}: choose a new status, or add a note or an evidence link."];
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        return new ProgressContent(status, note, evidence);
    }
}
