using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SencoHub.Teams.Activities;

/// <summary>
/// A Bot Framework activity as Teams sends and receives it. Every object keeps fields it does not
/// model in <c>ExtensionData</c>, so an activity read from the wire writes back unchanged.
/// </summary>
public sealed partial class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }

    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }

    public string? LocalTimezone { get; set; }
    public string? Locale { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }

    /// <summary>Card submit data on messages; the payload of every invoke.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Invoke or event name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; set; }

    public IList<Entity>? Entities { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public IList<MessageReaction>? ReactionsAdded { get; set; }
    public IList<MessageReaction>? ReactionsRemoved { get; set; }

    /// <summary>On <c>installationUpdate</c>: add, remove, add-upgrade, remove-upgrade.</summary>
    public string? Action { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public bool IsInvoke => IsType(ActivityTypes.Invoke);

    [JsonIgnore]
    public bool IsMessage => IsType(ActivityTypes.Message);

    /// <summary>The tenant, from <c>conversation.tenantId</c> or the older <c>channelData.tenant.id</c>.</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;

    /// <summary>True for group chats and channels, where the bot only acts when mentioned.</summary>
    [JsonIgnore]
    public bool IsGroupConversation =>
        Conversation?.IsGroup == true
        || string.Equals(Conversation?.ConversationType, ConversationTypes.Channel, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Conversation?.ConversationType, ConversationTypes.GroupChat, StringComparison.OrdinalIgnoreCase);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>A message activity addressed back to this activity's conversation, as a reply to it.</summary>
    public Activity CreateReply(string? text = null, string? textFormat = null) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Conversation.IsGroup,
            Name = Conversation.Name,
        },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = textFormat ?? (text is null ? null : TextFormats.Plain),
    };

    /// <summary>Creates an outbound message activity.</summary>
    public static Activity CreateMessage(string? text = null, string? textFormat = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = textFormat ?? (text is null ? null : TextFormats.Plain),
    };

    /// <summary>True when a mention entity names the bot (the recipient).</summary>
    public bool MentionsRecipient()
    {
        if (Entities is null || Recipient?.Id is not { } botId)
        {
            return false;
        }

        return Entities.Any(e => e.IsMention && string.Equals(e.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The text with the bot's <c>&lt;at&gt;…&lt;/at&gt;</c> mention removed and whitespace tidied.
    /// In channels and group chats Teams puts the bot mention into <c>text</c>.
    /// </summary>
    public string GetTextWithoutMentions()
    {
        var text = Text ?? string.Empty;
        if (text.Length == 0)
        {
            return text;
        }

        var botId = Recipient?.Id;
        foreach (var mention in Entities ?? [])
        {
            if (!mention.IsMention || string.IsNullOrEmpty(mention.Text))
            {
                continue;
            }

            if (botId is null || string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        // Without entities (some emulators) the bot's own name tag is still recognisable.
        if (!string.IsNullOrEmpty(Recipient?.Name))
        {
            text = text.Replace($"<at>{Recipient.Name}</at>", " ", StringComparison.OrdinalIgnoreCase);
        }

        text = text.Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>The <c>clientInfo</c> entity, when the client sent one.</summary>
    public Entity? GetClientInfo() => Entities?.FirstOrDefault(e => e.IsClientInfo);

    public string ToJson() => JsonSerializer.Serialize(this, TeamsJson.Options);

    public static Activity FromJson(string json) =>
        JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options)
        ?? throw new JsonException("The activity JSON was null.");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
