using System.Text.Json;
using System.Text.Json.Serialization;

namespace SencoHub.Teams.Activities;

/// <summary>
/// An entry of <c>entities[]</c>. One shape for every entity type (mention, clientInfo, anything
/// else) so unknown types round-trip untouched through <see cref="ExtensionData"/>.
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    // mention: text must contain the same "<at>…</at>" string as the activity text.
    public string? Text { get; set; }
    public ChannelAccount? Mentioned { get; set; }

    // clientInfo
    public string? Locale { get; set; }
    public string? Country { get; set; }
    public string? Platform { get; set; }
    public string? Timezone { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public bool IsMention => string.Equals(Type, EntityTypes.Mention, StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public bool IsClientInfo => string.Equals(Type, EntityTypes.ClientInfo, StringComparison.OrdinalIgnoreCase);

    /// <summary>A mention entity for <paramref name="account"/>; put <see cref="Text"/> into the message text.</summary>
    public static Entity Mention(string id, string name) => new()
    {
        Type = EntityTypes.Mention,
        Text = $"<at>{name}</at>",
        Mentioned = new ChannelAccount { Id = id, Name = name },
    };
}

internal static class EntityTypes
{
    public const string Mention = "mention";
    public const string ClientInfo = "clientInfo";
}
