using Microsoft.Extensions.Logging;

namespace SencoHub.Teams;

/// <summary>Source-generated log messages. Never log tokens, message text or card content.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Bot request rejected with {StatusCode}: {Reason}")]
    public static partial void TokenRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(1002, LogLevel.Error, "OpenID metadata at {MetadataAddress} is unavailable")]
    public static partial void MetadataUnavailable(ILogger logger, string metadataAddress, Exception exception);

    [LoggerMessage(1003, LogLevel.Information, "Acquired an outbound bot token valid until {ExpiresOn:o}")]
    public static partial void TokenAcquired(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(2001, LogLevel.Warning, "Connector {Method} {Operation} failed with {StatusCode} ({Failure})")]
    public static partial void ConnectorFailed(ILogger logger, string method, string operation, int statusCode, string failure);

    [LoggerMessage(2002, LogLevel.Information, "Connector {Operation} throttled; retrying in {DelayMs} ms (attempt {Attempt})")]
    public static partial void ConnectorRetrying(ILogger logger, string operation, long delayMs, int attempt);

    [LoggerMessage(2003, LogLevel.Warning, "Refusing to send a bot token to untrusted service host {Host}")]
    public static partial void UntrustedServiceHost(ILogger logger, string host);

    [LoggerMessage(3001, LogLevel.Information, "Bot request rejected with {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(3002, LogLevel.Debug, "Handling {ActivityType} {InvokeName} activity {ActivityId} in conversation type {ConversationType}")]
    public static partial void HandlingActivity(ILogger logger, string? activityType, string? invokeName, string? activityId, string? conversationType);

    [LoggerMessage(3003, LogLevel.Error, "Bot handler failed for {ActivityType} {InvokeName} activity {ActivityId}")]
    public static partial void HandlerFailed(ILogger logger, string? activityType, string? invokeName, string? activityId, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "Invoke {InvokeName} activity {ActivityId} exceeded its {BudgetMs} ms budget; continuing in the background")]
    public static partial void InvokeDeadlineExceeded(ILogger logger, string? invokeName, string? activityId, long budgetMs);

    [LoggerMessage(3005, LogLevel.Error, "Background work for invoke {InvokeName} activity {ActivityId} failed")]
    public static partial void BackgroundInvokeFailed(ILogger logger, string? invokeName, string? activityId, Exception exception);

    [LoggerMessage(3006, LogLevel.Information, "No route for {ActivityType} {InvokeName} activity {ActivityId}")]
    public static partial void NoRoute(ILogger logger, string? activityType, string? invokeName, string? activityId);
}
