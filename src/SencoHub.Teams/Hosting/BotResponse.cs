using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// What the endpoint writes back in-band: status and JSON body. Only invokes have one; for other
/// activities Teams gets 200 with an empty body and replies go out through the Connector.
/// </summary>
public sealed class BotResponse
{
    private readonly JsonNode? _body;
    private readonly AdaptiveCardInvokeResponse? _cardActionResponse;

    public BotResponse(int statusCode, JsonNode? body = null)
    {
        StatusCode = statusCode;
        _body = body;
    }

    private BotResponse(AdaptiveCardInvokeResponse cardActionResponse)
    {
        StatusCode = 200;
        _cardActionResponse = cardActionResponse;
    }

    public int StatusCode { get; }

    public bool HasBody => _body is not null || _cardActionResponse is not null;

    /// <summary>Writes the body straight to <paramref name="writer"/>: a card answer is not copied
    /// into a second JSON tree first (the hot path of every button press).</summary>
    internal void WriteBody(Utf8JsonWriter writer)
    {
        if (_cardActionResponse is not null)
        {
            _cardActionResponse.WriteTo(writer);
        }
        else
        {
            (_body ?? throw new InvalidOperationException("The response has no body.")).WriteTo(writer, TeamsJson.Options);
        }
    }

    public static BotResponse Ok(JsonNode? body = null) => new(200, body);

    public static BotResponse FromInvokeResponse(InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response.Status, response.Body);
    }

    public static BotResponse FromAdaptiveCardInvokeResponse(AdaptiveCardInvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response);
    }

    public static implicit operator BotResponse(InvokeResponse response) => FromInvokeResponse(response);

    public static implicit operator BotResponse(AdaptiveCardInvokeResponse response) => FromAdaptiveCardInvokeResponse(response);
}
