namespace SencoHub.Teams.Auth;

/// <summary>Supplies the bearer token for outbound Connector calls (protocol reference, section 7).</summary>
public interface IBotTokenProvider
{
    /// <summary>The access token, or null when the bot runs without credentials (local tools).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>No credentials: for local emulators that accept unauthenticated replies.</summary>
internal sealed class NoTokenProvider : IBotTokenProvider
{
    public static NoTokenProvider Instance { get; } = new();

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
