using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Cards;

/// <summary>Something that becomes one JSON object in a card.</summary>
public abstract class CardNode
{
    private protected CardNode()
    {
    }

    public abstract JsonObject ToJson();

    private protected static void Set(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private protected static void Set(JsonObject json, string name, bool? value)
    {
        if (value is not null)
        {
            json[name] = value.Value;
        }
    }

    private protected static void Set(JsonObject json, string name, int? value)
    {
        if (value is not null)
        {
            json[name] = value.Value;
        }
    }

    private protected static void Set(JsonObject json, string name, double? value)
    {
        if (value is not null)
        {
            json[name] = value.Value;
        }
    }

    private protected static void Set<T>(JsonObject json, string name, T? value)
        where T : struct, Enum
    {
        if (value is not null)
        {
            json[name] = CardEnum.Json(value.Value);
        }
    }

    private protected static void SetArray(JsonObject json, string name, IEnumerable<CardNode> items, bool always = false)
    {
        var array = new JsonArray([.. items.Select(i => (JsonNode)i.ToJson())]);
        if (always || array.Count > 0)
        {
            json[name] = array;
        }
    }

    private protected static JsonNode? ToNode(object? data) => data switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(data, data.GetType(), TeamsJson.Options),
    };
}

/// <summary>A body element: common <c>id</c>, <c>isVisible</c>, <c>separator</c>, <c>spacing</c>.</summary>
public abstract class CardElement : CardNode
{
    private protected CardElement()
    {
    }

    public string? Id { get; set; }
    public bool? IsVisible { get; set; }
    public bool? Separator { get; set; }
    public Spacing? Spacing { get; set; }

    private protected JsonObject Start(string type)
    {
        var json = new JsonObject { ["type"] = type };
        Set(json, "id", Id);
        Set(json, "isVisible", IsVisible);
        Set(json, "separator", Separator);
        Set(json, "spacing", Spacing);
        return json;
    }
}
