using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Cards;

/// <summary>
/// An Adaptive Card, schema 1.5 by default (the newest Teams renders). Build it with object
/// initialisers, then <see cref="ToJson"/> or <see cref="ToAttachment"/>.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>A size to stay under; Teams' limit is ~100 KB per message, older docs said 40 KB.</summary>
    public const int RecommendedMaxBytes = 40 * 1024;

    public string Version { get; set; } = "1.5";
    public IList<CardElement> Body { get; } = [];
    public IList<CardAction> Actions { get; } = [];

    /// <summary>Universal Actions refresh (schema 1.4+): re-invokes <c>adaptiveCard/action</c> when shown.</summary>
    public CardRefresh? Refresh { get; set; }

    /// <summary>Shown by clients that cannot render the card.</summary>
    public string? FallbackText { get; set; }

    /// <summary><c>msteams.width = "Full"</c>.</summary>
    public bool FullWidth { get; set; }

    /// <summary>Mention entities for <c>&lt;at&gt;</c> tags in the card's text (<c>msteams.entities</c>).</summary>
    public IList<Entity> Mentions { get; } = [];

    /// <summary>Registers a mention and returns the <c>&lt;at&gt;name&lt;/at&gt;</c> text to place in a TextBlock.</summary>
    public string Mention(string userId, string name)
    {
        var mention = Entity.Mention(userId, name);
        Mentions.Add(mention);
        return mention.Text!;
    }

    public JsonObject ToJson() => ToJson(nested: false);

    internal JsonObject ToJson(bool nested)
    {
        var json = new JsonObject { ["type"] = "AdaptiveCard" };
        if (!nested)
        {
            json["$schema"] = SchemaUrl;
            json["version"] = Version;
        }

        json["body"] = new JsonArray([.. Body.Select(e => (JsonNode)e.ToJson())]);
        if (Actions.Count > 0)
        {
            json["actions"] = new JsonArray([.. Actions.Select(a => (JsonNode)a.ToJson())]);
        }

        if (Refresh is not null)
        {
            json["refresh"] = Refresh.ToJson();
        }

        if (FallbackText is not null)
        {
            json["fallbackText"] = FallbackText;
        }

        if (FullWidth || Mentions.Count > 0)
        {
            var msteams = new JsonObject();
            if (FullWidth)
            {
                msteams["width"] = "Full";
            }

            if (Mentions.Count > 0)
            {
                msteams["entities"] = JsonSerializer.SerializeToNode(Mentions, TeamsJson.Options);
            }

            json["msteams"] = msteams;
        }

        return json;
    }

    public string ToJsonString(bool indented = false) =>
        ToJson().ToJsonString(indented ? new JsonSerializerOptions(TeamsJson.Options) { WriteIndented = true } : TeamsJson.Options);

    /// <summary>The attachment envelope <c>{ contentType, content }</c> for an outbound activity.</summary>
    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = ToJson() };

    /// <summary>Serialized UTF-8 size, to check against message limits (e.g. <see cref="RecommendedMaxBytes"/>).</summary>
    public int GetSizeInBytes() => CardSize.Utf8Bytes(ToJson());

    /// <summary>An outbound message activity carrying this card.</summary>
    public Activity ToMessage(string? summary = null) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [ToAttachment()],
    };
}

/// <summary><c>refresh</c>: which action to invoke and for whom (max 60 <c>29:</c> user ids; empty = manual refresh only).</summary>
public sealed class CardRefresh(ExecuteAction action)
{
    public ExecuteAction Action { get; set; } = action;

    /// <summary>null omits <c>userIds</c> (Teams then refreshes for everyone in chats of ≤ 60 members).</summary>
    public IList<string>? UserIds { get; set; }

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["action"] = Action.ToJson() };
        if (UserIds is not null)
        {
            json["userIds"] = new JsonArray([.. UserIds.Select(u => (JsonNode)JsonValue.Create(u)!)]);
        }

        return json;
    }
}

/// <summary>Message and card size checks.</summary>
public static class CardSize
{
    public static int Utf8Bytes(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Encoding.UTF8.GetByteCount(node.ToJsonString(TeamsJson.Options));
    }

    public static int Utf8Bytes(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return JsonSerializer.SerializeToUtf8Bytes(activity, TeamsJson.Options).Length;
    }
}
