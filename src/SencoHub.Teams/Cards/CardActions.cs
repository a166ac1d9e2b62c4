using System.Text.Json.Nodes;

namespace SencoHub.Teams.Cards;

/// <summary>An action: common <c>title</c>, <c>id</c>, <c>iconUrl</c>, <c>tooltip</c>, <c>isEnabled</c>.</summary>
public abstract class CardAction : CardNode
{
    private protected CardAction(string? title) => Title = title;

    public string? Title { get; set; }
    public string? Id { get; set; }
    public string? IconUrl { get; set; }
    public string? Tooltip { get; set; }
    public bool? IsEnabled { get; set; }

    private protected JsonObject Start(string type)
    {
        var json = new JsonObject { ["type"] = type };
        Set(json, "title", Title);
        Set(json, "id", Id);
        Set(json, "iconUrl", IconUrl);
        Set(json, "tooltip", Tooltip);
        Set(json, "isEnabled", IsEnabled);
        return json;
    }
}

/// <summary>
/// <c>Action.Execute</c> (Universal Actions): an <c>adaptiveCard/action</c> invoke routed by
/// <see cref="Verb"/>. Give it an <see cref="SubmitAction"/> <see cref="Fallback"/> for old clients.
/// </summary>
public sealed class ExecuteAction(string title, string verb) : CardAction(title)
{
    public string Verb { get; set; } = verb;

    /// <summary>Merged with input values; any JSON-serialisable object.</summary>
    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }
    public CardAction? Fallback { get; set; }

    public override JsonObject ToJson()
    {
        var json = Start("Action.Execute");
        json["verb"] = Verb;
        if (ToNode(Data) is { } data)
        {
            json["data"] = data;
        }

        Set(json, "associatedInputs", AssociatedInputs);
        if (Fallback is not null)
        {
            json["fallback"] = Fallback.ToJson();
        }

        return json;
    }
}

/// <summary><c>Action.Submit</c>: arrives as a <c>message</c> whose <c>value</c> is the data plus inputs.</summary>
public sealed class SubmitAction(string title) : CardAction(title)
{
    public object? Data { get; set; }
    public AssociatedInputs? AssociatedInputs { get; set; }

    /// <summary>A submit carrying <c>{ verb, ...data }</c> so the router treats it like the Execute it falls back from.</summary>
    public static SubmitAction ForVerb(string title, string verb, object? data = null)
    {
        var node = ToNode(data) as JsonObject ?? [];
        node["verb"] = verb;
        return new SubmitAction(title) { Data = node };
    }

    public override JsonObject ToJson()
    {
        var json = Start("Action.Submit");
        if (ToNode(Data) is { } data)
        {
            json["data"] = data;
        }

        Set(json, "associatedInputs", AssociatedInputs);
        return json;
    }
}

public sealed class OpenUrlAction(string title, string url) : CardAction(title)
{
    public string Url { get; set; } = url;

    public override JsonObject ToJson()
    {
        var json = Start("Action.OpenUrl");
        json["url"] = Url;
        return json;
    }
}

/// <summary><c>Action.ShowCard</c>: reveals a nested card whose actions also gather the parent's inputs.</summary>
public sealed class ShowCardAction(string title, AdaptiveCard card) : CardAction(title)
{
    public AdaptiveCard Card { get; set; } = card;

    public override JsonObject ToJson()
    {
        var json = Start("Action.ShowCard");
        json["card"] = Card.ToJson(nested: true);
        return json;
    }
}

/// <summary><c>Action.ToggleVisibility</c>: shows/hides elements by id on the client.</summary>
internal sealed class ToggleVisibilityAction(string title) : CardAction(title)
{
    public IList<string> TargetElements { get; } = [];

    public override JsonObject ToJson()
    {
        var json = Start("Action.ToggleVisibility");
        json["targetElements"] = new JsonArray([.. TargetElements.Select(t => (JsonNode)JsonValue.Create(t)!)]);
        return json;
    }
}
