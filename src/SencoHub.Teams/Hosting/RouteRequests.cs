using System.Text.Json;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Hosting;

/// <summary>A message command: the first word of the text (bot mention removed) and the rest.</summary>
public sealed record CommandRequest(string Command, string Arguments)
{
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// A card button press: an <c>Action.Execute</c> invoke, or an <c>Action.Submit</c> message whose
/// <c>value.verb</c> names the verb (the fallback for clients without Universal Actions).
/// </summary>
public sealed class CardActionRequest
{
    internal CardActionRequest(string verb, JsonElement? data, string? trigger, string? actionId, bool isSubmit)
    {
        Verb = verb;
        Data = data;
        Trigger = trigger;
        ActionId = actionId;
        IsSubmit = isSubmit;
    }

    public string Verb { get; }

    /// <summary>The action's data merged with the card's input values.</summary>
    public JsonElement? Data { get; }

    /// <summary><c>manual</c> (button) or <c>automatic</c> (refresh).</summary>
    public string? Trigger { get; }

    public string? ActionId { get; }

    /// <summary>True for the <c>Action.Submit</c> fallback: no in-band answer is possible.</summary>
    public bool IsSubmit { get; }

    public bool IsRefresh => string.Equals(Trigger, "automatic", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string field of <see cref="Data"/> (inputs submit strings; numbers are returned as text).</summary>
    public string? GetString(string name)
    {
        if (Data is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    public T? GetData<T>() => Data is { } data ? data.Deserialize<T>(TeamsJson.Options) : default;

    internal static CardActionRequest? FromInvoke(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        JsonElement? data = action.TryGetProperty("data", out var d) ? d.Clone() : null;
        var trigger = value.TryGetProperty("trigger", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var id = action.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return new CardActionRequest(verb ?? string.Empty, data, trigger, id, isSubmit: false);
    }

    internal static CardActionRequest? FromSubmit(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new CardActionRequest(verb ?? string.Empty, value.Clone(), "manual", null, isSubmit: true);
    }
}

/// <summary>A search message-extension query (<c>composeExtension/query</c>).</summary>
public sealed class MessagingExtensionQuery
{
    internal MessagingExtensionQuery(string commandId, IReadOnlyDictionary<string, string> parameters, int skip, int count)
    {
        CommandId = commandId;
        Parameters = parameters;
        Skip = skip;
        Count = count;
    }

    public string CommandId { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public int Skip { get; }

    public int Count { get; }

    /// <summary>Teams' first query when the command opens (manifest <c>initialRun: true</c>).</summary>
    public bool IsInitialRun => Parameters.TryGetValue("initialRun", out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first non-initialRun parameter: the search text.</summary>
    public string? QueryText => Parameters.Where(p => p.Key != "initialRun").Select(p => p.Value).FirstOrDefault();

    internal static MessagingExtensionQuery? From(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var commandId = value.TryGetProperty("commandId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (value.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Array)
        {
            foreach (var parameter in p.EnumerateArray())
            {
                if (parameter.ValueKind == JsonValueKind.Object
                    && parameter.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && parameter.TryGetProperty("value", out var val))
                {
                    parameters[name.GetString()!] = val.ValueKind == JsonValueKind.String ? val.GetString()! : val.GetRawText();
                }
            }
        }

        int skip = 0, count = 25;
        if (value.TryGetProperty("queryOptions", out var q) && q.ValueKind == JsonValueKind.Object)
        {
            skip = q.TryGetProperty("skip", out var s) && s.TryGetInt32(out var si) ? si : 0;
            count = q.TryGetProperty("count", out var n) && n.TryGetInt32(out var ni) ? ni : 25;
        }

        return new MessagingExtensionQuery(commandId ?? string.Empty, parameters, skip, count);
    }
}
