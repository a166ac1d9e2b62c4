using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Testing;

/// <summary>A failure the connector answers instead of succeeding.</summary>
public enum ScriptedFailure
{
    /// <summary>403 <c>{ error: { code: "ConversationBlockedByUser", subCode: "MessageWritesBlocked" } }</c>.</summary>
    MessageWritesBlocked,

    /// <summary>404 <c>ConversationNotFound</c>.</summary>
    ConversationNotFound,

    /// <summary>413 <c>MessageSizeTooBig</c>.</summary>
    MessageSizeTooBig,

    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    Throttled,

    /// <summary>503 without <c>Retry-After</c>.</summary>
    ServiceUnavailable,
}

public sealed class LoopbackConnectorOptions
{
    /// <summary>Answer 429 + Retry-After when Teams' documented limits would be exceeded.</summary>
    public bool EnforceTeamsLimits { get; set; }

    /// <summary>Per-tenant limit per second when enforcing (Teams: 50).</summary>
    public int TenantRequestsPerSecond { get; set; } = 50;

    /// <summary>Share (0..1) of requests answered with a random 429 or 503.</summary>
    public double RandomFailureRate { get; set; }

    public int RandomSeed { get; set; } = 42;

    /// <summary><c>Retry-After</c> seconds sent with random 429s (scripted 429s always say 1).</summary>
    public int RandomRetryAfterSeconds { get; set; } = 1;

    /// <summary>When set, requests must carry <c>Authorization: Bearer {value}</c> or get 401.</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>Answer sends with 202 and no body (as the Agents Playground does for some sends).</summary>
    public bool AnswerSendsWithEmptyBody { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long the answer to every new message takes (a slow Teams: the message shows at once); zero by default.</summary>
    public TimeSpan SendDelay { get; set; }
}

/// <summary>One request the connector received.</summary>
public sealed record ConnectorRequest(string Method, string RawTarget, string? ConversationId, string? ActivityId, string? Authorization, string? Body, int Status);

/// <summary>An activity the bot posted or put, as stored by the connector.</summary>
public sealed record ReceivedActivity(string Id, string ConversationId, string Method, string? ReplyToId, Activity Activity, JsonObject Json);

/// <summary>
/// A fake Teams Bot Connector on loopback Kestrel, speaking the v3 REST API the bot calls:
/// send, reply, update, delete, create conversation and members. Records everything per
/// conversation; can enforce Teams' rate limits, inject random throttling, and script failures.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private const string Region = "amer";

    private readonly WebApplication _app;
    private readonly LoopbackConnectorOptions _options;
    private readonly ConcurrentQueue<ConnectorRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConversationState> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedFailure>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _created = new();
    private readonly Lock _limitLock = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _sendTimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _tenantTimes = new(StringComparer.Ordinal);
    private readonly Random _random;
    private long _nextId = 1_700_000_000_000;

    private LoopbackConnector(WebApplication app, LoopbackConnectorOptions options, Uri baseUri)
    {
        _app = app;
        _options = options;
        _random = new Random(options.RandomSeed);
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The <c>serviceUrl</c> to put in activities (with a region path and trailing slash, like Teams').</summary>
    public string ServiceUrl => new Uri(BaseUri, Region + "/").AbsoluteUri;

    public IReadOnlyList<ConnectorRequest> Requests => [.. _requests];

    /// <summary>Bodies of <c>POST /v3/conversations</c>.</summary>
    public IReadOnlyList<JsonObject> CreatedConversations => [.. _created];

    public static async Task<LoopbackConnector> StartAsync(LoopbackConnectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LoopbackConnectorOptions();
        var app = LoopbackServer.CreateBuilder().Build();
        LoopbackConnector? connector = null;
        var v3 = app.MapGroup("/" + Region + "/v3/conversations");
        v3.MapPost(string.Empty, (HttpRequest request) => connector!.CreateConversationAsync(request.HttpContext));
        v3.MapPost("/{conversationId}/activities", (HttpContext http, string conversationId) => connector!.PostActivityAsync(http, conversationId, null));
        v3.MapPost("/{conversationId}/activities/{activityId}", (HttpContext http, string conversationId, string activityId) => connector!.PostActivityAsync(http, conversationId, activityId));
        v3.MapPut("/{conversationId}/activities/{activityId}", (HttpContext http, string conversationId, string activityId) => connector!.PutActivityAsync(http, conversationId, activityId));
        v3.MapDelete("/{conversationId}/activities/{activityId}", (HttpContext http, string conversationId, string activityId) => connector!.DeleteActivity(http, conversationId, activityId));
        v3.MapGet("/{conversationId}/members", (HttpContext http, string conversationId) => connector!.GetMembers(http, conversationId));
        v3.MapGet("/{conversationId}/members/{userId}", (HttpContext http, string conversationId, string userId) => connector!.GetMember(http, conversationId, userId));
        v3.MapGet("/{conversationId}/pagedmembers", (HttpContext http, string conversationId, int? pageSize, string? continuationToken) =>
            connector!.GetPagedMembers(http, conversationId, pageSize, continuationToken));
        var baseUri = await LoopbackServer.StartAsync(app, cancellationToken).ConfigureAwait(false);
        connector = new LoopbackConnector(app, options, baseUri);
        return connector;
    }

    /// <summary>Every activity posted or put to the conversation, in arrival order.</summary>
    public IReadOnlyList<ReceivedActivity> Received(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var state) ? state.History() : [];

    /// <summary>The conversation as a user would now see it: updates applied, deletions removed.</summary>
    public IReadOnlyList<ReceivedActivity> Messages(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var state) ? state.Current() : [];

    /// <summary>Answers the next <paramref name="times"/> requests about the conversation with <paramref name="failure"/>.</summary>
    public void FailNext(string conversationId, ScriptedFailure failure, int times = 1)
    {
        var queue = _scripted.GetOrAdd(conversationId, _ => new ConcurrentQueue<ScriptedFailure>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(failure);
        }
    }

    public void AddMember(string conversationId, TeamsChannelAccount member) =>
        State(conversationId).AddMember(member ?? throw new ArgumentNullException(nameof(member)));

    public int RequestCount(string conversationId) => _requests.Count(r => r.ConversationId == conversationId);

    private async Task<IResult> CreateConversationAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var json = TryParse(body);
        var memberId = json?["members"]?[0]?["id"]?.GetValue<string>();
        var tenant = json?["tenantId"]?.GetValue<string>() ?? json?["channelData"]?["tenant"]?["id"]?.GetValue<string>();
        if (Gate(http, "create:" + memberId, tenant, body, null, countsAsSend: true) is { } refused)
        {
            return refused;
        }

        if (json is null || memberId is null)
        {
            return Record(http, null, null, body, Results.Json(Error("BadArgument", "members are required"), statusCode: 400));
        }

        _created.Enqueue(json);
        // As Teams does: a bot and a person have one 1:1 chat, so asking again returns the same id.
        var id = "a:" + memberId.Replace(":", string.Empty, StringComparison.Ordinal);
        State(id);
        var result = new JsonObject { ["id"] = id };
        if (json["activity"] is JsonObject first)
        {
            var stored = Store(id, "POST", null, first);
            result["activityId"] = stored.Id;
        }

        return Record(http, id, null, body, Results.Json(result, statusCode: 201));
    }

    private async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, string? replyToId)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var json = TryParse(body);
        var tenant = json?["conversation"]?["tenantId"]?.GetValue<string>();
        if (Gate(http, conversationId, tenant, body, replyToId, countsAsSend: true) is { } refused)
        {
            return refused;
        }

        if (json is null)
        {
            return Record(http, conversationId, replyToId, body, Results.Json(Error("BadArgument", "body is not an activity"), statusCode: 400));
        }

        var stored = Store(conversationId, "POST", replyToId, json);
        var answer = Record(http, conversationId, replyToId, body, _options.AnswerSendsWithEmptyBody
            ? Results.StatusCode(202)
            : Results.Json(new JsonObject { ["id"] = stored.Id }, statusCode: 201));
        if (_options.SendDelay > TimeSpan.Zero)
        {
            // The message is in the chat at once; only the answer is slow.
            await Task.Delay(_options.SendDelay, http.RequestAborted).ConfigureAwait(false);
        }

        return answer;
    }

    private async Task<IResult> PutActivityAsync(HttpContext http, string conversationId, string activityId)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var json = TryParse(body);
        if (Gate(http, conversationId, json?["conversation"]?["tenantId"]?.GetValue<string>(), body, activityId, countsAsSend: true) is { } refused)
        {
            return refused;
        }

        if (json is null)
        {
            return Record(http, conversationId, activityId, body, Results.Json(Error("BadArgument", "body is not an activity"), statusCode: 400));
        }

        var state = State(conversationId);
        if (!state.Update(activityId, json, Parse(json)))
        {
            return Record(http, conversationId, activityId, body, Results.Json(Error("ActivityNotFoundInConversation", "unknown activity"), statusCode: 404));
        }

        return Record(http, conversationId, activityId, body, Results.Json(new JsonObject { ["id"] = activityId }));
    }

    private IResult DeleteActivity(HttpContext http, string conversationId, string activityId)
    {
        if (Gate(http, conversationId, null, null, activityId, countsAsSend: false) is { } refused)
        {
            return refused;
        }

        return State(conversationId).Delete(activityId)
            ? Record(http, conversationId, activityId, null, Results.Ok())
            : Record(http, conversationId, activityId, null, Results.Json(Error("ActivityNotFoundInConversation", "unknown activity"), statusCode: 404));
    }

    private IResult GetMembers(HttpContext http, string conversationId) =>
        Gate(http, conversationId, null, null, null, countsAsSend: false)
        ?? Record(http, conversationId, null, null, Results.Json(State(conversationId).Members(), TeamsJson.Options));

    private IResult GetMember(HttpContext http, string conversationId, string userId)
    {
        if (Gate(http, conversationId, null, null, null, countsAsSend: false) is { } refused)
        {
            return refused;
        }

        var member = State(conversationId).Members().FirstOrDefault(m =>
            string.Equals(m.Id, userId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.AadObjectId ?? m.ObjectId, userId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.UserPrincipalName, userId, StringComparison.OrdinalIgnoreCase));
        return Record(http, conversationId, null, null, member is null
            ? Results.Json(Error("MemberNotFoundInConversation", "no such member"), statusCode: 404)
            : Results.Json(member, TeamsJson.Options));
    }

    private IResult GetPagedMembers(HttpContext http, string conversationId, int? pageSize, string? continuationToken)
    {
        if (Gate(http, conversationId, null, null, null, countsAsSend: false) is { } refused)
        {
            return refused;
        }

        // Teams: page sizes under 50 count as 50, over 500 as 500.
        var size = Math.Clamp(pageSize ?? 100, 50, 500);
        var start = int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var all = State(conversationId).Members();
        var page = all.Skip(start).Take(size).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        var result = new JsonObject { ["members"] = JsonSerializer.SerializeToNode(page, TeamsJson.Options) };
        if (next is not null)
        {
            result["continuationToken"] = next;
        }

        return Record(http, conversationId, null, null, Results.Json(result));
    }

    /// <summary>Auth, scripted failures, random failures and rate limits, in that order.</summary>
    private IResult? Gate(HttpContext http, string? conversationId, string? tenantId, string? body, string? activityId, bool countsAsSend)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_options.RequiredBearerToken is { } expected && authorization != "Bearer " + expected)
        {
            return Record(http, conversationId, activityId, body, Results.Json(Error("Unauthorized", "bad token"), statusCode: 401));
        }

        if (conversationId is not null && _scripted.TryGetValue(conversationId, out var queue) && queue.TryDequeue(out var failure))
        {
            return Record(http, conversationId, activityId, body, Scripted(http, failure));
        }

        if (_options.RandomFailureRate > 0)
        {
            double roll;
            bool throttle;
            lock (_random)
            {
                roll = _random.NextDouble();
                throttle = _random.Next(2) == 0;
            }

            if (roll < _options.RandomFailureRate)
            {
                var injected = Scripted(http, throttle ? ScriptedFailure.Throttled : ScriptedFailure.ServiceUnavailable);
                if (throttle)
                {
                    http.Response.Headers.RetryAfter = _options.RandomRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                }

                return Record(http, conversationId, activityId, body, injected);
            }
        }

        if (_options.EnforceTeamsLimits && LimitDelay(conversationId, tenantId, countsAsSend) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Record(http, conversationId, activityId, body, Results.Json(Error("Throttled", "too many requests"), statusCode: 429));
        }

        return null;
    }

    private static IResult Scripted(HttpContext http, ScriptedFailure failure)
    {
        switch (failure)
        {
            case ScriptedFailure.MessageWritesBlocked:
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "ConversationBlockedByUser", ["subCode"] = "MessageWritesBlocked", ["message"] = "User blocked the conversation with the bot." } }, statusCode: 403);
            case ScriptedFailure.ConversationNotFound:
                return Results.Json(Error("ConversationNotFound", "Conversation not found."), statusCode: 404);
            case ScriptedFailure.MessageSizeTooBig:
                return Results.Json(Error("MessageSizeTooBig", "Message too big."), statusCode: 413);
            case ScriptedFailure.Throttled:
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(Error("Throttled", "Throttled."), statusCode: 429);
            default:
                return Results.Json(Error("ServiceUnavailable", "Try again."), statusCode: 503);
        }
    }

    // Teams' per-conversation windows for sends, and the per-tenant requests-per-second limit.
    private static readonly (int Limit, TimeSpan Window)[] ConversationWindows =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];

    private TimeSpan? LimitDelay(string? conversationId, string? tenantId, bool countsAsSend)
    {
        var now = _options.TimeProvider.GetUtcNow();
        lock (_limitLock)
        {
            var tenantLog = Log(_tenantTimes, tenantId ?? string.Empty, TimeSpan.FromSeconds(1), now);
            TimeSpan? wait = null;
            if (tenantLog.Count >= _options.TenantRequestsPerSecond)
            {
                wait = tenantLog[^_options.TenantRequestsPerSecond] + TimeSpan.FromSeconds(1) - now;
            }

            List<DateTimeOffset>? sendLog = null;
            if (countsAsSend && conversationId is not null)
            {
                sendLog = Log(_sendTimes, conversationId, TimeSpan.FromHours(1), now);
                foreach (var (limit, window) in ConversationWindows)
                {
                    var inWindow = sendLog.Count(t => t > now - window);
                    if (inWindow >= limit)
                    {
                        var freeAt = sendLog.Where(t => t > now - window).OrderByDescending(t => t).ElementAt(limit - 1) + window;
                        var needed = freeAt - now;
                        wait = wait is { } w && w > needed ? w : needed;
                    }
                }
            }

            if (wait is not null)
            {
                return wait;
            }

            tenantLog.Add(now);
            sendLog?.Add(now);
            return null;
        }
    }

    private static List<DateTimeOffset> Log(Dictionary<string, List<DateTimeOffset>> logs, string key, TimeSpan keep, DateTimeOffset now)
    {
        if (!logs.TryGetValue(key, out var log))
        {
            logs[key] = log = [];
        }

        log.RemoveAll(t => t <= now - keep);
        return log;
    }

    private ReceivedActivity Store(string conversationId, string method, string? replyToId, JsonObject json)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var received = new ReceivedActivity(id, conversationId, method, replyToId, Parse(json), json);
        State(conversationId).Add(received);
        return received;
    }

    private static Activity Parse(JsonObject json) =>
        json.Deserialize<Activity>(TeamsJson.Options) ?? new Activity();

    private ConversationState State(string conversationId) => _conversations.GetOrAdd(conversationId, _ => new ConversationState());

    private IResult Record(HttpContext http, string? conversationId, string? activityId, string? body, IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
        _requests.Enqueue(new ConnectorRequest(http.Request.Method, raw, conversationId, activityId, NullIfEmpty(http.Request.Headers.Authorization.ToString()), body, status));
        return result;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class ConversationState
    {
        private readonly Lock _lock = new();
        private readonly List<ReceivedActivity> _history = [];
        private readonly List<ReceivedActivity> _current = [];
        private readonly List<TeamsChannelAccount> _members = [];

        public void Add(ReceivedActivity activity)
        {
            lock (_lock)
            {
                _history.Add(activity);
                _current.Add(activity);
            }
        }

        public bool Update(string id, JsonObject json, Activity activity)
        {
            lock (_lock)
            {
                var index = _current.FindIndex(a => a.Id == id);
                if (index < 0)
                {
                    return false;
                }

                var updated = _current[index] with { Method = "PUT", Activity = activity, Json = json };
                _current[index] = updated;
                _history.Add(updated);
                return true;
            }
        }

        public bool Delete(string id)
        {
            lock (_lock)
            {
                return _current.RemoveAll(a => a.Id == id) > 0;
            }
        }

        public void AddMember(TeamsChannelAccount member)
        {
            lock (_lock)
            {
                _members.Add(member);
            }
        }

        public List<TeamsChannelAccount> Members()
        {
            lock (_lock)
            {
                return [.. _members];
            }
        }

        public List<ReceivedActivity> History()
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }

        public List<ReceivedActivity> Current()
        {
            lock (_lock)
            {
                return [.. _current];
            }
        }
    }
}
