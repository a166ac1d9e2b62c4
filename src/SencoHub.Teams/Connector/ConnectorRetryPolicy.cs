namespace SencoHub.Teams.Connector;

public sealed class ConnectorRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for in-process; the caller reschedules.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Jitter fraction either side of the backoff (0.2 = ±20 %, as Microsoft's samples use).</summary>
    public double Jitter { get; set; } = 0.2;
}

/// <summary>
/// When to retry a failed Connector call (protocol reference, section 8): only throttling
/// (429/412/502/503/504), after <c>Retry-After</c> when given, else exponential backoff with jitter.
/// 413 and a gone conversation are never retried.
/// </summary>
internal sealed class ConnectorRetryPolicy
{
    private readonly ConnectorRetryOptions _options;
    private readonly Func<double> _random;

    public ConnectorRetryPolicy(ConnectorRetryOptions? options = null, Func<double>? random = null)
    {
        _options = options ?? new ConnectorRetryOptions();
        _random = random ?? Random.Shared.NextDouble;
    }

    public int MaxAttempts => _options.MaxAttempts;

    /// <summary>
    /// The wait before the next attempt after attempt number <paramref name="attempt"/> (1-based)
    /// failed, or null when the call must not be retried.
    /// </summary>
    public TimeSpan? GetDelay(ConnectorFailure failure, TimeSpan? retryAfter, int attempt)
    {
        if (failure != ConnectorFailure.Throttled || attempt >= _options.MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } serverSays)
        {
            return serverSays > _options.MaxRetryAfter ? null : serverSays;
        }

        return Backoff(attempt);
    }

    /// <summary>Exponential backoff: base × 2^(attempt-1), ± jitter, capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(_options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxDelay.TotalMilliseconds);
        var factor = 1 + (_options.Jitter * ((2 * _random()) - 1));
        var jittered = Math.Min(raw * factor, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    /// <summary>Runs <paramref name="operation"/> with these retries, waiting on <paramref name="timeProvider"/>.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var time = timeProvider ?? TimeProvider.System;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex) when (GetDelay(ex.Failure, ex.RetryAfter, attempt) is { } delay)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
