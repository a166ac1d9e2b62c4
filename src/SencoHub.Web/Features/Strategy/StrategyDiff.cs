namespace SencoHub.Web.Features.Strategy;

public sealed record PriorityChange(PriorityContent Before, PriorityContent After, IReadOnlyList<string> Fields);

/// <summary>What a version changed from the one before it. Priorities are matched by key, so a reworded priority is "changed", not removed and added.</summary>
public sealed record StrategyChanges(
    int PreviousNumber, bool TitleChanged, bool VisionChanged,
    IReadOnlyList<PriorityContent> Added, IReadOnlyList<PriorityContent> Removed, IReadOnlyList<PriorityChange> Changed)
{
    public bool Any => TitleChanged || VisionChanged || Added.Count > 0 || Removed.Count > 0 || Changed.Count > 0;
}

public static class StrategyDiff
{
    public static StrategyChanges Compare(int previousNumber, string previousTitle, string previousVision, IReadOnlyList<PriorityContent> before,
        string title, string vision, IReadOnlyList<PriorityContent> after)
    {
        var beforeByKey = before.Where(p => p.Key is not null).ToDictionary(p => p.Key!, StringComparer.Ordinal);
        var afterKeys = after.Select(p => p.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = new List<PriorityContent>();
        var changed = new List<PriorityChange>();
        foreach (var priority in after)
        {
            if (priority.Key is null || !beforeByKey.TryGetValue(priority.Key, out var old))
            {
                added.Add(priority);
            }
            else if (FieldsChanged(old, priority) is { Count: > 0 } fields)
            {
                changed.Add(new PriorityChange(old, priority, fields));
            }
        }

        var removed = before.Where(p => p.Key is null || !afterKeys.Contains(p.Key)).ToList();
        return new StrategyChanges(previousNumber, !string.Equals(previousTitle, title, StringComparison.Ordinal),
            !string.Equals(previousVision, vision, StringComparison.Ordinal), added, removed, changed);
    }

    private static List<string> FieldsChanged(PriorityContent before, PriorityContent after)
    {
        var fields = new List<string>();
        Add(fields, "title", before.Title != after.Title);
        Add(fields, "description", before.Description != after.Description);
        Add(fields, "review area", before.ReviewArea != after.ReviewArea);
        Add(fields, "success measures", before.SuccessMeasures != after.SuccessMeasures);
        Add(fields, "owner", before.Owner != after.Owner);
        Add(fields, "timeframe", before.Timeframe != after.Timeframe);
        return fields;
    }

    private static void Add(List<string> fields, string name, bool changed)
    {
        if (changed)
        {
            fields.Add(name);
        }
    }
}
