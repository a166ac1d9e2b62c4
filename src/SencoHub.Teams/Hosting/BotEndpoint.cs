using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Hosting;

/// <summary>
/// <c>POST /api/messages</c> (protocol reference, section 1): size and content-type checks, parse,
/// authenticate, then dispatch to <see cref="IBotHandler"/>. Nothing reaches the handler unless
/// the request is well-formed and authenticated. Invokes always get an answer within the budget.
/// </summary>
internal sealed class BotEndpoint
{
    private readonly TeamsBotOptions _options;
    private readonly BotTokenValidator _validator;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;

    public BotEndpoint(IOptions<TeamsBotOptions> options, BotTokenValidator validator, IServiceScopeFactory scopes, [FromKeyedServices(TeamsBotServiceCollectionExtensions.ClockKey)] TimeProvider time, ILogger<BotEndpoint> logger, IHostApplicationLifetime? lifetime = null)
    {
        _options = options.Value;
        _validator = validator;
        _scopes = scopes;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!IsJson(request.ContentType))
        {
            await RejectAsync(http, StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.").ConfigureAwait(false);
            return;
        }

        Activity? activity;
        using (var body = await ReadBoundedAsync(request, _options.MaxRequestBodyBytes, http.RequestAborted).ConfigureAwait(false))
        {
            if (body is null)
            {
                await RejectAsync(http, StatusCodes.Status413PayloadTooLarge, "The body is too large.").ConfigureAwait(false);
                return;
            }

            try
            {
                activity = JsonSerializer.Deserialize<Activity>(body.Span, TeamsJson.Options);
            }
            catch (JsonException)
            {
                activity = null;
            }
        }

        if (activity is null)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "The body is not an activity.").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "The activity has no type.").ConfigureAwait(false);
            return;
        }

        if (ActivityEnvelope.Problem(activity, _options.AllowLoopbackHttpServiceUrl) is { } problem)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        BotCaller caller;
        if (_options.IsAnonymousAllowed)
        {
            caller = BotCaller.Anonymous;
        }
        else
        {
            var auth = await _validator.ValidateAsync(request.Headers.Authorization.ToString(), activity, http.RequestAborted).ConfigureAwait(false);
            if (!auth.Succeeded)
            {
                await RejectAsync(http, auth.StatusCode, auth.StatusCode == 403 ? "Forbidden." : "Unauthorized.").ConfigureAwait(false);
                return;
            }

            caller = auth.Caller!;
        }

        TeamsLog.HandlingActivity(_logger, activity.Type, activity.Name, activity.Id, activity.Conversation?.ConversationType);
        if (activity.IsInvoke)
        {
            var response = await HandleInvokeAsync(activity, caller, http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, response, activity.Name).ConfigureAwait(false);
        }
        else
        {
            await HandleActivityAsync(activity, caller, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private async Task HandleActivityAsync(Activity activity, BotCaller caller, CancellationToken requestAborted)
    {
        await using var scope = _scopes.CreateAsyncScope();
        TurnContext? turn = null;
        try
        {
            turn = CreateTurn(activity, caller, scope.ServiceProvider, CancellationToken.None);
            var handler = scope.ServiceProvider.GetRequiredService<IBotHandler>();
            await handler.HandleAsync(turn, requestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !requestAborted.IsCancellationRequested)
        {
            // Answering 5xx would make Teams redeliver a poison activity; log and tell the user.
            TeamsLog.HandlerFailed(_logger, activity.Type, activity.Name, activity.Id, ex);
            if (turn is not null && activity.IsMessage && !string.IsNullOrEmpty(activity.ServiceUrl))
            {
                try
                {
                    await turn.SendAsync(_options.ErrorMessage, requestAborted).ConfigureAwait(false);
                }
                catch (Exception sendFailure) when (sendFailure is ConnectorException or OperationCanceledException or InvalidOperationException)
                {
                    TeamsLog.HandlerFailed(_logger, activity.Type, activity.Name, activity.Id, sendFailure);
                }
            }
        }
    }

    private async Task<BotResponse> HandleInvokeAsync(Activity activity, BotCaller caller, CancellationToken requestAborted)
    {
        // The handler's own token follows the app, not the request: overrunning work continues.
        var background = _lifetime?.ApplicationStopping ?? CancellationToken.None;
        using var budget = new CancellationTokenSource(_options.InvokeTimeout, _time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, requestAborted);
        var deadlineToken = deadline.Token;
        // Started inline (no Task.Run): under load a hop through the thread pool's global queue
        // is what puts a press at the back of the line; the handler yields at its first await anyway.
        var work = RunHandlerAsync(activity, caller, deadlineToken, background);

        var deadlineReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (deadline.Token.Register(() => deadlineReached.TrySetResult()))
        {
            await Task.WhenAny(work, deadlineReached.Task).ConfigureAwait(false);
        }

        if (!work.IsCompleted)
        {
            TeamsLog.InvokeDeadlineExceeded(_logger, activity.Name, activity.Id, (long)_options.InvokeTimeout.TotalMilliseconds);
            _ = work.ContinueWith(
                t => TeamsLog.BackgroundInvokeFailed(_logger, activity.Name, activity.Id, t.Exception!),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return InvokeFallback(activity.Name, _options.StillWorkingMessage);
        }

        try
        {
            var response = await work.ConfigureAwait(false);
            if (response is null)
            {
                return BotResponse.Ok(new JsonObject());
            }

            // A 5xx would make Teams show a generic failure (or retry): answer politely instead.
            return response.StatusCode >= 500 ? InvokeFallback(activity.Name, _options.ErrorMessage, isError: true) : response;
        }
        catch (Exception ex)
        {
            TeamsLog.HandlerFailed(_logger, activity.Type, activity.Name, activity.Id, ex);
            return InvokeFallback(activity.Name, _options.ErrorMessage, isError: true);
        }
    }

    private async Task<BotResponse?> RunHandlerAsync(Activity activity, BotCaller caller, CancellationToken deadline, CancellationToken background)
    {
        // The scope lives as long as the handler, which may outlive this request.
        await using var scope = _scopes.CreateAsyncScope();
        var turn = CreateTurn(activity, caller, scope.ServiceProvider, deadline);
        var handler = scope.ServiceProvider.GetRequiredService<IBotHandler>();
        return await handler.HandleAsync(turn, background).ConfigureAwait(false);
    }

    /// <summary>A polite in-band answer shaped for the kind of invoke (never a 5xx to Teams).</summary>
    internal static BotResponse InvokeFallback(string? invokeName, string text, bool isError = false)
    {
        if (IsCardAction(invokeName))
        {
            return isError ? AdaptiveCardInvokeResponse.Error(500, "InternalError", text) : AdaptiveCardInvokeResponse.Message(text);
        }

        if (invokeName?.StartsWith("composeExtension/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return MessagingExtensionResponse.Message(text);
        }

        if (invokeName?.StartsWith("task/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return TaskModuleResponse.Message(text);
        }

        return InvokeResponse.EmptyOk();
    }

    private static bool IsCardAction(string? invokeName) =>
        string.Equals(invokeName, InvokeNames.AdaptiveCardAction, StringComparison.OrdinalIgnoreCase);

    private TurnContext CreateTurn(Activity activity, BotCaller caller, IServiceProvider services, CancellationToken deadline) =>
        new(activity, caller, services.GetRequiredService<ConnectorClient>(), services, deadline);

    private static readonly JsonWriterOptions ResponseWriterOptions = new() { Encoder = TeamsJson.Options.Encoder };

    private async Task WriteAsync(HttpContext http, BotResponse response, string? invokeName)
    {
        var body = new ArrayBufferWriter<byte>(2048);
        try
        {
            Serialize(response, body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // A handler answered with something JSON cannot carry (e.g. a NaN): still never a 5xx to Teams.
            TeamsLog.HandlerFailed(_logger, ActivityTypes.Invoke, invokeName, null, ex);
            response = InvokeFallback(invokeName, _options.ErrorMessage, isError: true);
            body.ResetWrittenCount();
            Serialize(response, body);
        }

        http.Response.StatusCode = response.StatusCode;
        if (response.HasBody)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = body.WrittenCount;
            await http.Response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static void Serialize(BotResponse response, IBufferWriter<byte> destination)
    {
        if (!response.HasBody)
        {
            return;
        }

        using var writer = new Utf8JsonWriter(destination, ResponseWriterOptions);
        response.WriteBody(writer);
    }

    private async Task RejectAsync(HttpContext http, int status, string detail)
    {
        TeamsLog.RequestRejected(_logger, status, detail);
        await Results.Problem(detail: detail, statusCode: status).ExecuteAsync(http).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body in a pooled buffer (return it with <see cref="PooledBody.Dispose"/>), or
    /// null when it exceeds <paramref name="limit"/> bytes.</summary>
    private static async Task<PooledBody?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Pooled: a fresh buffer per activity was most of what the endpoint allocated under load.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 4096, 256, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new PooledBody(buffer, length);
    }

    private sealed class PooledBody(byte[] buffer, int length) : IDisposable
    {
        private byte[]? _buffer = buffer;

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, length);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } rented)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
