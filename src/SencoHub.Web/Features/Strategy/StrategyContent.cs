using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The body of <c>POST</c>/<c>PUT /api/strategy/versions</c>, as sent: anything may be missing or wrong.</summary>
public sealed record StrategyDraftRequest(string? Title, string? Vision, IReadOnlyList<PriorityRequest?>? Priorities);

/// <param name="Key">Optional: the key of a priority this one carries forward (see <see cref="StrategyPriority.Key"/>).</param>
public sealed record PriorityRequest(string? Key, string? Title, string? Description, string? ReviewArea, string? SuccessMeasures, string? Owner, int? Timeframe);

public sealed record PriorityContent(string? Key, string Title, string Description, ReviewArea ReviewArea, string SuccessMeasures, string Owner, int Timeframe);

/// <summary>A strategy's text once every bad-input rule has passed; the only way content reaches a version.</summary>
public sealed record StrategyContent(string Title, string Vision, IReadOnlyList<PriorityContent> Priorities)
{
    /// <summary>Checks everything and reports every problem at once, by JSON path; nothing is stored when it throws.</summary>
    public static StrategyContent From(StrategyDraftRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            throw ProblemException.Invalid("body", "Send the strategy as JSON: { title, vision, priorities: [ … ] }.");
        }

        var title = TypedText.Line(errors, "title", request.Title, StrategyLimits.TitleLength, "The strategy needs a title.");
        var vision = TypedText.Text(errors, "vision", request.Vision, StrategyLimits.VisionLength, "The strategy needs a vision.");
        var priorities = new List<(int Index, PriorityContent Priority)>();
        if (request.Priorities is not { Count: > 0 })
        {
            errors["priorities"] = ["The strategy needs at least one priority."];
        }
        else if (request.Priorities.Count > StrategyLimits.MaxPriorities)
        {
            errors["priorities"] = [$"A strategy can have at most {StrategyLimits.MaxPriorities} priorities; this one has {request.Priorities.Count}."];
        }
        else
        {
            for (var i = 0; i < request.Priorities.Count; i++)
            {
                if (Priority(errors, $"priorities[{i}]", request.Priorities[i]) is { } priority)
                {
                    priorities.Add((i, priority));
                }
            }

            CheckDuplicates(errors, priorities);
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        return new StrategyContent(title, vision, [.. priorities.Select(p => p.Priority)]);
    }

    /// <summary>
    /// Gives every priority its key: the one it asked for (which must belong to <paramref name="known"/>:
    /// the draft's own or the current version's priorities), else the key of a known priority with the same
    /// title, else a new one. Keys are how a reworded priority is still "the same priority" in a later version.
    /// </summary>
    public StrategyContent WithKeys(IReadOnlyList<PriorityContent> known)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var knownKeys = known.Select(p => p.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var used = Priorities.Select(p => p.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new List<PriorityContent>();
        for (var i = 0; i < Priorities.Count; i++)
        {
            var priority = Priorities[i];
            if (priority.Key is { } key)
            {
                if (!knownKeys.Contains(key))
                {
                    errors[$"priorities[{i}].key"] = ["This key does not belong to a priority of this draft or of the current strategy. Leave it out for a new priority."];
                }

                result.Add(priority);
                continue;
            }

            var match = known.FirstOrDefault(k => k.Key is not null && !used.Contains(k.Key)
                && string.Equals(k.Title, priority.Title, StringComparison.OrdinalIgnoreCase));
            var assigned = match?.Key ?? Guid.NewGuid().ToString("D");
            used.Add(assigned);
            result.Add(priority with { Key = assigned });
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        return this with { Priorities = result };
    }

    private static PriorityContent? Priority(Dictionary<string, string[]> errors, string path, PriorityRequest? request)
    {
        if (request is null)
        {
            errors[path] = ["A priority is missing: send an object with title, reviewArea and timeframe."];
            return null;
        }

        var before = errors.Count;
        var title = TypedText.Line(errors, path + ".title", request.Title, StrategyLimits.PriorityTitleLength, "Each priority needs a title.");
        var description = TypedText.Text(errors, path + ".description", request.Description, StrategyLimits.DescriptionLength, null);
        var measures = TypedText.Text(errors, path + ".successMeasures", request.SuccessMeasures, StrategyLimits.SuccessMeasuresLength, null);
        var owner = TypedText.Line(errors, path + ".owner", request.Owner, StrategyLimits.OwnerLength, null);
        var area = default(ReviewArea);
        if (string.IsNullOrWhiteSpace(request.ReviewArea))
        {
            errors[path + ".reviewArea"] = [$"Choose the priority's review area: one of {ReviewAreas.Names}."];
        }
        else if (!ReviewAreas.TryParse(request.ReviewArea, out area))
        {
            errors[path + ".reviewArea"] = [$"\"{TypedText.Shorten(request.ReviewArea)}\" is not a review area. Use one of {ReviewAreas.Names}."];
        }

        if (request.Timeframe is not { } timeframe || timeframe < 1 || timeframe > StrategyLimits.MaxTimeframe)
        {
            errors[path + ".timeframe"] = [$"Give the timeframe as a number of half-terms from 1 to {StrategyLimits.MaxTimeframe}."];
            timeframe = 0;
        }

        string? key = null;
        if (!string.IsNullOrWhiteSpace(request.Key))
        {
            if (Guid.TryParse(request.Key.Trim(), out var parsed))
            {
                key = parsed.ToString("D");
            }
            else
            {
                errors[path + ".key"] = ["A priority key is the id SencoHub gave the priority; leave it out for a new priority."];
            }
        }

        return errors.Count == before ? new PriorityContent(key, title, description, area, measures, owner, timeframe) : null;
    }

    /// <param name="priorities">The valid priorities with their index in the request, so errors name the right one.</param>
    private static void CheckDuplicates(Dictionary<string, string[]> errors, List<(int Index, PriorityContent Priority)> priorities)
    {
        for (var i = 0; i < priorities.Count; i++)
        {
            var (index, priority) = priorities[i];
            for (var j = 0; j < i; j++)
            {
                var (earlierIndex, earlier) = priorities[j];
                if (string.Equals(priority.Title, earlier.Title, StringComparison.OrdinalIgnoreCase))
                {
                    errors[$"priorities[{index}].title"] = [$"Priority {earlierIndex + 1} already has this title; give each priority its own."];
                }

                if (priority.Key is { } key && key == earlier.Key)
                {
                    errors[$"priorities[{index}].key"] = [$"Priority {earlierIndex + 1} already carries this key."];
                }
            }
        }
    }

}
