using System.Text.Json.Nodes;
using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// What the endpoint writes back in-band: status and JSON body. Only invokes have one; for other
/// activities Teams gets 200 with an empty body and replies go out through the Connector.
/// </summary>
public sealed class BotResponse
{
    public BotResponse(int statusCode, JsonNode? body = null)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    public JsonNode? Body { get; }

    public static BotResponse Ok(JsonNode? body = null) => new(200, body);

    public static BotResponse FromInvokeResponse(InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response.Status, response.Body);
    }

    public static BotResponse FromAdaptiveCardInvokeResponse(AdaptiveCardInvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(200, response.ToJson());
    }

    public static implicit operator BotResponse(InvokeResponse response) => FromInvokeResponse(response);

    public static implicit operator BotResponse(AdaptiveCardInvokeResponse response) => FromAdaptiveCardInvokeResponse(response);
}
