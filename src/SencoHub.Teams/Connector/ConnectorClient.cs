using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Auth;

namespace SencoHub.Teams.Connector;

/// <summary>
/// The Bot Connector REST API as Teams serves it (protocol reference, section 5), over a plain
/// <see cref="HttpClient"/>. Failures throw <see cref="ConnectorException"/>, classified.
/// </summary>
public sealed class ConnectorClient
{
    private const int MaxErrorBodyChars = 16 * 1024;
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly HttpClient _http;
    private readonly IBotTokenProvider _tokens;
    private readonly TrustedServiceHosts _trustedHosts;
    private readonly TeamsRateLimiter? _rateLimiter;
    private readonly ConnectorRetryPolicy? _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ConnectorClient(HttpClient httpClient, IBotTokenProvider tokenProvider, ConnectorClientOptions? options = null, TeamsRateLimiter? rateLimiter = null, TimeProvider? timeProvider = null, ILogger<ConnectorClient>? logger = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _tokens = tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider));
        options ??= new ConnectorClientOptions();
        _trustedHosts = new TrustedServiceHosts(options.AdditionalTrustedHosts);
        _rateLimiter = rateLimiter;
        _time = timeProvider ?? TimeProvider.System;
        _retry = options.Retry is null ? null : new ConnectorRetryPolicy(options.Retry);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary><c>POST /v3/conversations/{id}/activities</c>: a new message in the conversation.</summary>
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "activities");
        return SendAsync<ResourceResponse>(HttpMethod.Post, uri, activity, "send", conversationId, activity.TenantId, cancellationToken);
    }

    /// <summary><c>POST /v3/conversations/{id}/activities/{activityId}</c>: a reply (threads it in channels).</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        activity.ReplyToId ??= replyToId;
        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "activities", replyToId);
        return SendAsync<ResourceResponse>(HttpMethod.Post, uri, activity, "reply", conversationId, activity.TenantId, cancellationToken);
    }

    /// <summary><c>PUT /v3/conversations/{id}/activities/{activityId}</c>: replaces a message the bot sent.</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id ??= activityId;
        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "activities", activityId);
        return SendAsync<ResourceResponse>(HttpMethod.Put, uri, activity, "update", conversationId, activity.TenantId, cancellationToken);
    }

    /// <summary><c>DELETE /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "activities", activityId);
        return SendAsync<ResourceResponse>(HttpMethod.Delete, uri, null, "delete", null, null, cancellationToken);
    }

    /// <summary><c>POST /v3/conversations</c>. For a proactive 1:1 chat use <see cref="ConversationParameters.Personal"/>; create once and keep the id.</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var uri = Build(serviceUrl, "v3", "conversations");
        // Rate-limited per target user: creating is counted like a send to that thread.
        var limiterKey = parameters.Members is [{ Id: { } member }] ? "create:" + member : "create";
        return SendAsync<ConversationResourceResponse>(HttpMethod.Post, uri, parameters, "create", limiterKey, parameters.TenantId ?? parameters.ChannelData?.Tenant?.Id, cancellationToken);
    }

    /// <summary><c>GET /v3/conversations/{id}/members/{userId}</c> (29: id, UPN or Entra object id).</summary>
    public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "members", userId);
        return SendAsync<TeamsChannelAccount>(HttpMethod.Get, uri, null, "member", null, null, cancellationToken);
    }

    /// <summary><c>GET /v3/conversations/{id}/pagedmembers</c>: one page; pass the continuation token for the next.</summary>
    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        var uri = Build(serviceUrl, "v3", "conversations", conversationId, "pagedmembers");
        if (query.Count > 0)
        {
            uri = new Uri(uri.AbsoluteUri + "?" + string.Join('&', query));
        }

        return SendAsync<PagedMembersResult>(HttpMethod.Get, uri, null, "pagedmembers", null, null, cancellationToken);
    }

    /// <summary>Every member, following continuation tokens.</summary>
    public async Task<IReadOnlyList<TeamsChannelAccount>> GetAllMembersAsync(string serviceUrl, string conversationId, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var members = new List<TeamsChannelAccount>();
        string? continuation = null;
        do
        {
            var page = await GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuation, cancellationToken).ConfigureAwait(false);
            members.AddRange(page.Members);
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
        return members;
    }

    /// <summary>Sends to a stored conversation.</summary>
    public Task<ResourceResponse> SendToConversationAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Conversation ??= new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId, ConversationType = reference.ConversationType };
        return SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
    }

    internal static Uri Build(string serviceUrl, params string[] segments)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        // Conversation ids contain ':', '@' and ';': every path segment is escaped.
        var path = string.Join('/', segments.Select(Uri.EscapeDataString));
        if (!Uri.TryCreate(serviceUrl.TrimEnd('/') + "/" + path, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The service URL is not an absolute http(s) URL.", nameof(serviceUrl));
        }

        return uri;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, object? body, string operation, string? limiterConversation, string? tenantId, CancellationToken cancellationToken)
        where T : class, new()
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                if (_rateLimiter is not null)
                {
                    if (limiterConversation is not null)
                    {
                        await _rateLimiter.WaitAsync(limiterConversation, tenantId, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _rateLimiter.WaitForTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
                    }
                }

                return await SendOnceAsync<T>(method, uri, body, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex) when (_retry?.GetDelay(ex.Failure, ex.RetryAfter, attempt) is { } delay)
            {
                TeamsLog.ConnectorRetrying(_logger, operation, (long)delay.TotalMilliseconds, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> SendOnceAsync<T>(HttpMethod method, Uri uri, object? body, string operation, CancellationToken cancellationToken)
        where T : class, new()
    {
        using var request = new HttpRequestMessage(method, uri);
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            if (!_trustedHosts.IsTrusted(uri))
            {
                TeamsLog.UntrustedServiceHost(_logger, uri.Host);
                throw new ConnectorException(ConnectorFailure.UntrustedServiceUrl, null, $"The service host '{uri.Host}' is not trusted with the bot token.");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), TeamsJson.Options);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = JsonUtf8;
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(ConnectorFailure.Unreachable, null, $"Connector {operation} could not reach the service.", innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(ConnectorFailure.Unreachable, null, $"Connector {operation} timed out.", innerException: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                // The playground answers some sends with 202 and no body: success without an id.
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new T();
                }

                try
                {
                    return JsonSerializer.Deserialize<T>(text, TeamsJson.Options) ?? new T();
                }
                catch (JsonException)
                {
                    return new T();
                }
            }

            var error = Classify(response, text, _time.GetUtcNow());
            TeamsLog.ConnectorFailed(_logger, method.Method, operation, (int)response.StatusCode, error.Failure.ToString());
            throw error;
        }
    }

    internal static ConnectorException Classify(HttpResponseMessage response, string? body, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var (code, subCode) = ReadErrorCodes(body);
        var retryAfter = ParseRetryAfter(response.Headers.RetryAfter, now);

        var failure = (int)status switch
        {
            429 or 412 or 502 or 503 or 504 => ConnectorFailure.Throttled,
            413 => ConnectorFailure.TooLarge,
            403 when IsGoneCode(code, subCode) => ConnectorFailure.ConversationGone,
            404 when !string.Equals(code, "ActivityNotFoundInConversation", StringComparison.OrdinalIgnoreCase)
                && (code is null || IsGoneCode(code, subCode)) => ConnectorFailure.ConversationGone,
            404 => ConnectorFailure.NotFound,
            401 or 403 => ConnectorFailure.Unauthorized,
            >= 400 and < 500 => ConnectorFailure.BadRequest,
            _ => ConnectorFailure.Other,
        };

        var message = $"Connector call failed with {(int)status} {failure}" + (code is null ? string.Empty : $" ({code}{(subCode is null ? string.Empty : "/" + subCode)})");
        return new ConnectorException(failure, status, message, code, subCode, retryAfter);
    }

    private static bool IsGoneCode(string? code, string? subCode) =>
        string.Equals(subCode, "MessageWritesBlocked", StringComparison.OrdinalIgnoreCase)
        || code is not null && (code.Equals("ConversationBlockedByUser", StringComparison.OrdinalIgnoreCase)
            || code.Equals("BotNotInConversationRoster", StringComparison.OrdinalIgnoreCase)
            || code.Equals("ConversationNotFound", StringComparison.OrdinalIgnoreCase)
            || code.Equals("MessageWritesBlocked", StringComparison.OrdinalIgnoreCase));

    private static (string? Code, string? SubCode) ReadErrorCodes(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxErrorBodyChars)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var root = doc.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
            return (StringProperty(error, "code"), StringProperty(error, "subCode") ?? StringProperty(root, "subCode"));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? StringProperty(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary><c>Retry-After</c> as seconds or an HTTP date, relative to <paramref name="now"/>.</summary>
    internal static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
