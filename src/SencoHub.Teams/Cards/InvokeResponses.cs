using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Cards;

/// <summary>The HTTP answer to an invoke: status plus JSON body (protocol reference, section 4).</summary>
public sealed class InvokeResponse
{
    public InvokeResponse(int status, JsonNode? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }

    public JsonNode? Body { get; }

    /// <summary>200 <c>{}</c>: the polite answer to an invoke nobody handles.</summary>
    public static InvokeResponse EmptyOk() => new(200, new JsonObject());

    public static InvokeResponse Ok(JsonNode? body) => new(200, body);
}

/// <summary>
/// The body answering <c>adaptiveCard/action</c>: <c>{ statusCode, type, value }</c>, always sent with
/// HTTP 200 (the Universal Action Model carries the outcome in <c>statusCode</c>).
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = AdaptiveCard.ContentType;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    private AdaptiveCardInvokeResponse(int statusCode, string type, JsonNode value)
    {
        StatusCode = statusCode;
        Type = type;
        Value = value;
    }

    public int StatusCode { get; }
    public string Type { get; }
    public JsonNode Value { get; }

    /// <summary>Replaces the card for the user who acted (only them, only in that client).</summary>
    public static AdaptiveCardInvokeResponse Card(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new(200, CardType, card.ToJson());
    }

    public static AdaptiveCardInvokeResponse Card(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new(200, CardType, card.DeepClone());
    }

    /// <summary>The client shows this text to the user.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, JsonValue.Create(text));

    /// <summary>An error the client shows: 400 for bad input, 500 for our failures.</summary>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, new JsonObject { ["code"] = code, ["message"] = message });

    public JsonObject ToJson() => new() { ["statusCode"] = StatusCode, ["type"] = Type, ["value"] = Value.DeepClone() };

    /// <summary>Writes the same JSON as <see cref="ToJson"/> without copying the card.</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", StatusCode);
        writer.WriteString("type", Type);
        writer.WritePropertyName("value");
        Value.WriteTo(writer, TeamsJson.Options);
        writer.WriteEndObject();
    }

    public InvokeResponse ToInvokeResponse() => InvokeResponse.Ok(ToJson());
}

/// <summary>Answers for search message extensions (<c>composeExtension/query</c>, <c>queryLink</c>, <c>selectItem</c>).</summary>
public static class MessagingExtensionResponse
{
    public const string ThumbnailCardType = "application/vnd.microsoft.card.thumbnail";

    /// <summary><c>{ composeExtension: { type: "result", attachmentLayout, attachments } }</c>.</summary>
    public static InvokeResponse Result(IEnumerable<MessagingExtensionItem> items, string attachmentLayout = "list")
    {
        ArgumentNullException.ThrowIfNull(items);
        var attachments = new JsonArray([.. items.Select(i => (JsonNode)i.ToJson())]);
        return InvokeResponse.Ok(new JsonObject
        {
            ["composeExtension"] = new JsonObject { ["type"] = "result", ["attachmentLayout"] = attachmentLayout, ["attachments"] = attachments },
        });
    }

    /// <summary><c>{ composeExtension: { type: "message", text } }</c>: a plain message instead of results.</summary>
    public static InvokeResponse Message(string text) => InvokeResponse.Ok(new JsonObject
    {
        ["composeExtension"] = new JsonObject { ["type"] = "message", ["text"] = text },
    });
}

/// <summary>One search result: the card to insert plus the thumbnail preview shown in the list.</summary>
public sealed class MessagingExtensionItem(AdaptiveCard card, string title)
{
    public AdaptiveCard Card { get; } = card;
    public string Title { get; set; } = title;
    public string? Text { get; set; }
    public string? ImageUrl { get; set; }

    /// <summary>Sent back in <c>composeExtension/selectItem</c> when the preview is tapped (only invoke taps work).</summary>
    public object? TapValue { get; set; }

    internal JsonObject ToJson()
    {
        var preview = new JsonObject { ["title"] = Title };
        if (Text is not null)
        {
            preview["text"] = Text;
        }

        if (ImageUrl is not null)
        {
            preview["images"] = new JsonArray(new JsonObject { ["url"] = ImageUrl });
        }

        if (TapValue is not null)
        {
            preview["tap"] = new JsonObject
            {
                ["type"] = "invoke",
                ["value"] = System.Text.Json.JsonSerializer.SerializeToNode(TapValue, TapValue.GetType(), TeamsJson.Options),
            };
        }

        return new JsonObject
        {
            ["contentType"] = AdaptiveCard.ContentType,
            ["content"] = Card.ToJson(),
            ["preview"] = new JsonObject { ["contentType"] = MessagingExtensionResponse.ThumbnailCardType, ["content"] = preview },
        };
    }
}

/// <summary>Dialog (task module) answers for <c>task/fetch</c> and <c>task/submit</c>.</summary>
internal static class TaskModuleResponse
{
    public static InvokeResponse Continue(string title, AdaptiveCard card, string height = "medium", string width = "medium")
    {
        ArgumentNullException.ThrowIfNull(card);
        return InvokeResponse.Ok(new JsonObject
        {
            ["task"] = new JsonObject
            {
                ["type"] = "continue",
                ["value"] = new JsonObject
                {
                    ["title"] = title,
                    ["height"] = height,
                    ["width"] = width,
                    ["card"] = new JsonObject { ["contentType"] = AdaptiveCard.ContentType, ["content"] = card.ToJson() },
                },
            },
        });
    }

    public static InvokeResponse Message(string text) => InvokeResponse.Ok(new JsonObject
    {
        ["task"] = new JsonObject { ["type"] = "message", ["value"] = text },
    });
}
