using Microsoft.Extensions.Logging;

namespace SencoHub.Teams.Auth;

/// <summary>One cached token, renewed a margin before expiry, with one acquisition at a time.</summary>
internal sealed class RefreshingTokenCache : IDisposable
{
    private readonly Func<CancellationToken, Task<(string Token, DateTimeOffset ExpiresOn)>> _acquire;
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresOn)? _current;

    public RefreshingTokenCache(Func<CancellationToken, Task<(string Token, DateTimeOffset ExpiresOn)>> acquire, TimeProvider time, TimeSpan margin, ILogger logger)
    {
        _acquire = acquire;
        _time = time;
        _margin = margin;
        _logger = logger;
    }

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } raced)
            {
                return raced;
            }

            var acquired = await _acquire(cancellationToken).ConfigureAwait(false);
            _current = acquired;
            TeamsLog.TokenAcquired(_logger, acquired.ExpiresOn);
            return acquired.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh() =>
        _current is { } c && _time.GetUtcNow() < c.ExpiresOn - _margin ? c.Token : null;

    public void Dispose() => _gate.Dispose();
}
