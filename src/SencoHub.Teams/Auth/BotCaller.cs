using System.Security.Claims;

namespace SencoHub.Teams.Auth;

public enum BotTokenIssuer
{
    /// <summary>No token: anonymous mode for local tools.</summary>
    None,
    BotFramework,
    Entra,
}

/// <summary>Who called the bot endpoint, as proven by the token.</summary>
public sealed record BotCaller
{
    public static BotCaller Anonymous { get; } = new() { Issuer = BotTokenIssuer.None };

    public required BotTokenIssuer Issuer { get; init; }

    /// <summary>The calling application (<c>azp</c>/<c>appid</c>), when the token names it.</summary>
    public string? CallerAppId { get; init; }

    /// <summary>The tenant of an Entra token.</summary>
    public string? TenantId { get; init; }

    /// <summary>The <c>serviceurl</c> claim of a Bot Framework token.</summary>
    public string? ServiceUrl { get; init; }

    public ClaimsIdentity? Identity { get; init; }

    public bool IsAuthenticated => Issuer != BotTokenIssuer.None;
}

/// <summary>The outcome of validating one request's token.</summary>
internal sealed class BotAuthenticationResult
{
    private BotAuthenticationResult(bool succeeded, int statusCode, string? failureReason, BotCaller? caller)
    {
        Succeeded = succeeded;
        StatusCode = statusCode;
        FailureReason = failureReason;
        Caller = caller;
    }

    public bool Succeeded { get; }

    /// <summary>200 on success, 401 (no or bad token) or 403 (valid token, not allowed here).</summary>
    public int StatusCode { get; }

    /// <summary>Why it failed; safe to log (never contains the token).</summary>
    public string? FailureReason { get; }

    public BotCaller? Caller { get; }

    public static BotAuthenticationResult Success(BotCaller caller) => new(true, 200, null, caller);

    public static BotAuthenticationResult Unauthorized(string reason) => new(false, 401, reason, null);

    public static BotAuthenticationResult Forbidden(string reason) => new(false, 403, reason, null);
}
