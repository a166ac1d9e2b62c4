using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Testing;

namespace SencoHub.Testing;

/// <summary>
/// Plays Teams against the app: posts activities shaped like the ones Teams and the Agents
/// Playground send to <c>/api/messages</c>, with a <see cref="LoopbackConnector"/> as their service URL.
/// </summary>
public sealed class TeamsClient(HttpClient app, LoopbackConnector connector)
{
    public const string TenantId = "5f1b9d1e-0000-4000-8000-00000000aaaa";
    public const string BotId = "28:sencohub-test-bot";
    public const string TeamId = "19:network-team@thread.tacv2";

    private int _next;

    public LoopbackConnector Connector => connector;

    /// <summary>Bearer token sent with every activity (null = none, as the playground sends).</summary>
    public string? Token { get; set; }

    public static string UserIdOf(DemoPerson person) => "29:" + person.AadObjectId;

    public static string PersonalChatOf(DemoPerson person) => "a:personal-" + person.AadObjectId;

    public Task<TeamsResponse> InstallPersonalAsync(DemoPerson person) => SendAsync(new Activity
    {
        Type = ActivityTypes.InstallationUpdate,
        Action = InstallationActions.Add,
        From = From(person),
        Conversation = new ConversationAccount { Id = PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
    });

    public Task<TeamsResponse> UninstallPersonalAsync(DemoPerson person) => SendAsync(new Activity
    {
        Type = ActivityTypes.InstallationUpdate,
        Action = InstallationActions.Remove,
        From = From(person),
        Conversation = new ConversationAccount { Id = PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
    });

    /// <summary>The app added to the SENCO network team (its General channel), as a team owner does.</summary>
    public Task<TeamsResponse> InstallInTeamAsync(DemoPerson installer, params DemoPerson[] members) => SendAsync(new Activity
    {
        Type = ActivityTypes.InstallationUpdate,
        Action = InstallationActions.Add,
        From = From(installer),
        Conversation = new ConversationAccount { Id = TeamId, ConversationType = "channel", IsGroup = true, TenantId = TenantId },
        ChannelData = new TeamsChannelData { Team = new TeamInfo { Id = TeamId, Name = "SENCO network" }, Channel = new ChannelInfo { Id = TeamId }, Tenant = new TenantInfo { Id = TenantId } },
        MembersAdded = [.. members.Select(From)],
    });

    public Task<TeamsResponse> MessageAsync(DemoPerson person, string text) => SendAsync(new Activity
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "plain",
        From = From(person),
        Conversation = new ConversationAccount { Id = PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
    });

    public Task<TeamsResponse> ChannelMessageAsync(DemoPerson person, string text, bool mentionBot = true)
    {
        var thread = TeamId + ";messageid=" + Interlocked.Increment(ref _next);
        return SendAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Text = mentionBot ? $"<at>SencoHub</at> {text}" : text,
            TextFormat = "plain",
            From = From(person),
            Conversation = new ConversationAccount { Id = thread, ConversationType = "channel", IsGroup = true, TenantId = TenantId },
            ChannelData = new TeamsChannelData { Team = new TeamInfo { Id = TeamId }, Channel = new ChannelInfo { Id = TeamId }, Tenant = new TenantInfo { Id = TenantId } },
            Entities = mentionBot ? [new Entity { Type = "mention", Text = "<at>SencoHub</at>", Mentioned = new ChannelAccount { Id = BotId, Name = "SencoHub" } }] : null,
        });
    }

    public static string GroupChatId => "19:group-chat-sencos@thread.v2";

    /// <summary>A message in a group chat, @mentioning the bot.</summary>
    public Task<TeamsResponse> GroupChatMessageAsync(DemoPerson person, string text) => SendAsync(new Activity
    {
        Type = ActivityTypes.Message,
        Text = $"<at>SencoHub</at> {text}",
        TextFormat = "plain",
        From = From(person),
        Conversation = new ConversationAccount { Id = GroupChatId, ConversationType = "groupChat", IsGroup = true, TenantId = TenantId },
        Entities = [new Entity { Type = "mention", Text = "<at>SencoHub</at>", Mentioned = new ChannelAccount { Id = BotId, Name = "SencoHub" } }],
    });

    /// <summary>A search message-extension query (<c>composeExtension/query</c>) as Teams sends it; <paramref name="text"/> null is the initial run.</summary>
    public Task<TeamsResponse> QueryAsync(DemoPerson person, string commandId, string parameterName, string? text, int skip = 0, int count = 25) => SendAsync(new Activity
    {
        Type = ActivityTypes.Invoke,
        Name = InvokeNames.ComposeExtensionQuery,
        From = From(person),
        Conversation = new ConversationAccount { Id = PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
        Value = JsonSerializer.SerializeToElement(new
        {
            commandId,
            parameters = new[] { text is null ? new { name = "initialRun", value = "true" } : new { name = parameterName, value = text } },
            queryOptions = new { skip, count },
        }),
    });

    /// <summary>A tapped preview (<c>composeExtension/selectItem</c>): Teams sends the preview's tap value verbatim.</summary>
    public Task<TeamsResponse> SelectItemAsync(DemoPerson person, JsonNode? tapValue) => SendAsync(new Activity
    {
        Type = ActivityTypes.Invoke,
        Name = InvokeNames.ComposeExtensionSelectItem,
        From = From(person),
        Conversation = new ConversationAccount { Id = PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
        Value = JsonSerializer.SerializeToElement(tapValue),
    });

    /// <summary>An Action.Execute press on a card the bot sent (<c>adaptiveCard/action</c> invoke).</summary>
    public Task<TeamsResponse> ExecuteAsync(DemoPerson person, string verb, object? data, string? replyToId = null, string? conversationId = null) => SendAsync(new Activity
    {
        Type = ActivityTypes.Invoke,
        Name = InvokeNames.AdaptiveCardAction,
        From = From(person),
        ReplyToId = replyToId ?? "card-" + Interlocked.Increment(ref _next),
        Conversation = new ConversationAccount { Id = conversationId ?? PersonalChatOf(person), ConversationType = "personal", TenantId = TenantId },
        Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" }),
    });

    public async Task<TeamsResponse> SendAsync(Activity activity)
    {
        activity.Id ??= "activity-" + Interlocked.Increment(ref _next);
        activity.ServiceUrl = connector.ServiceUrl;
        activity.ChannelId = "msteams";
        activity.Recipient ??= new ChannelAccount { Id = BotId, Name = "SencoHub" };
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        activity.ChannelData ??= new TeamsChannelData { Tenant = new TenantInfo { Id = TenantId } };
        return await PostAsync(activity.ToJson());
    }

    public async Task<TeamsResponse> PostAsync(string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        using var response = await app.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new TeamsResponse(response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    public static ChannelAccount From(DemoPerson person) => new() { Id = UserIdOf(person), Name = person.Name, AadObjectId = person.AadObjectId };
}

public sealed record TeamsResponse(HttpStatusCode Status, JsonNode? Body)
{
    /// <summary>The card an <c>adaptiveCard/action</c> invoke answered with, as JSON text.</summary>
    public string CardText => Body?["value"]?.ToJsonString() ?? string.Empty;

    public string? Type => (string?)Body?["type"];
}
