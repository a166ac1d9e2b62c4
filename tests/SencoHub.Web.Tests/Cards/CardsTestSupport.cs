using System.Text.Json.Nodes;
using SencoHub.Teams.Testing;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Cards;

/// <summary>Collects the cards the app really sends and validates them with the official Adaptive Cards library.</summary>
public static class CardsTestSupport
{
    public const int MaxCardBytes = 40 * 1024;

    /// <summary>Every Adaptive Card attachment the connector received, named by conversation and order.</summary>
    public static Dictionary<string, JsonNode> SentCards(LoopbackConnector connector, IEnumerable<string> conversations, string prefix)
    {
        var cards = new Dictionary<string, JsonNode>();
        foreach (var conversation in conversations.Distinct())
        {
            var index = 0;
            foreach (var received in connector.Received(conversation))
            {
                foreach (var attachment in received.Json["attachments"]?.AsArray() ?? [])
                {
                    if ((string?)attachment?["contentType"] == "application/vnd.microsoft.card.adaptive")
                    {
                        cards[$"{prefix}-{Sanitize(conversation)}-{index++}"] = attachment["content"]!.DeepClone();
                    }
                }
            }
        }

        return cards;
    }

    public static async Task AssertValidAsync(IReadOnlyDictionary<string, JsonNode> cards)
    {
        Assert.NotEmpty(cards);
        foreach (var (name, card) in cards)
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString());
            Assert.True(bytes < MaxCardBytes, $"{name} is {bytes} bytes");
        }

        var validator = CardValidator.TryCreate(out var reason);
        if (validator is null)
        {
            Assert.False(CardValidator.ToolsRequired, reason);
            Skip.If(true, reason);
        }

        var result = await validator!.ValidateAsync(cards);
        Assert.True(result.Succeeded, result.Output);
    }

    private static string Sanitize(string value) => new([.. value.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
