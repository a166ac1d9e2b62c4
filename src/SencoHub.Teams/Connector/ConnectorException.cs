using System.Net;

namespace SencoHub.Teams.Connector;

/// <summary>What kind of failure a Connector call hit, which decides whether it may be retried.</summary>
public enum ConnectorFailure
{
    /// <summary>429, 412, 502, 503, 504: retry after <see cref="ConnectorException.RetryAfter"/> or with backoff.</summary>
    Throttled,

    /// <summary>The user blocked or uninstalled the bot, or the conversation no longer exists: drop the reference, never retry.</summary>
    ConversationGone,

    /// <summary>413 MessageSizeTooBig: never retry.</summary>
    TooLarge,

    /// <summary>404 on a message (e.g. updating a deleted message).</summary>
    NotFound,

    /// <summary>401/403 for other reasons (credentials, permissions).</summary>
    Unauthorized,

    /// <summary>400 and other 4xx.</summary>
    BadRequest,

    /// <summary>The service URL's host is not trusted with the bot's token.</summary>
    UntrustedServiceUrl,

    /// <summary>No HTTP answer (connection refused, DNS, timeout).</summary>
    Unreachable,

    /// <summary>Anything else, e.g. 500.</summary>
    Other,
}

/// <summary>A failed Connector call, classified (protocol reference, sections 5 and 8).</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(ConnectorFailure failure, HttpStatusCode? statusCode, string message, string? errorCode = null, string? subCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        SubCode = subCode;
        RetryAfter = retryAfter;
    }

    public ConnectorException()
        : this(ConnectorFailure.Other, null, "Connector call failed.")
    {
    }

    public ConnectorException(string message)
        : this(ConnectorFailure.Other, null, message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : this(ConnectorFailure.Other, null, message, innerException: innerException)
    {
    }

    public ConnectorFailure Failure { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary><c>error.code</c> from the response body, e.g. <c>ConversationBlockedByUser</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary><c>error.subCode</c>, e.g. <c>MessageWritesBlocked</c>.</summary>
    public string? SubCode { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsConversationGone => Failure == ConnectorFailure.ConversationGone;

    public bool IsRetryable => Failure == ConnectorFailure.Throttled;
}
