using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>
/// Sends the outbox in the background: claims due messages with a short lease, renews it while it
/// holds them, sends them within Teams' limits, records each outcome. Stopping lets sends in flight
/// finish and be recorded, and hands unstarted claims back; a crash leaves leases that stop being
/// renewed, so another instance (or this one restarted) claims them within a lease.
/// </summary>
internal sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock,
    [FromKeyedServices(TeamsBotServiceCollectionExtensions.ClockKey)] TimeProvider wallClock,
    IOptions<DeliveryOptions> options, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    // Unique per process and worker; fits the 100-character lease column.
    private readonly string _owner = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // Claimed and not yet finished (queued or in flight): the claims the renewal keeps alive.
    private readonly ConcurrentDictionary<long, byte> _held = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var renewing = new CancellationTokenSource();
        var renewal = RenewLeasesAsync(renewing.Token);
        try
        {
            await SendUntilStoppedAsync(stoppingToken);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    /// <summary>Every third of a lease (wall time: the app's clock may be a test's), extends the claims still held.</summary>
    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.LeaseDuration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, wallClock, cancellationToken);
                if (_held.IsEmpty)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SencoHubDb>();
                await OutboxClaims.RenewAsync(db, _owner, [.. _held.Keys], clock.GetUtcNow() + options.Value.LeaseDuration, CancellationToken.None);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogRenewFailed(logger, ex);
            }
        }
    }

    private async Task SendUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendDueAsync(stoppingToken);
                if (sent == 0)
                {
                    await signal.WaitAsync(await UntilNextDueAsync(), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogLoopFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Sends until nothing is due. Claims are taken a batch at a time as senders free up, so the
    /// pipe to Teams stays full (no pause at the end of each batch). In-flight sends are not
    /// cancelled by stopping: they finish and are recorded; unstarted claims are handed back.
    /// </summary>
    private async Task<int> SendDueAsync(CancellationToken stoppingToken)
    {
        var sent = 0;
        var unstarted = new List<long>();
        await Parallel.ForEachAsync(ClaimAllDueAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency }, async (id, sendToken) =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                lock (unstarted)
                {
                    unstarted.Add(id);
                }

                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SendOutboxMessage>().SendAsync(id, _owner, CancellationToken.None);
                Interlocked.Increment(ref sent);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSendFailed(logger, ex, id);
                await RetryLaterAsync(id);
            }
            finally
            {
                _held.TryRemove(id, out _);
            }
        });

        if (unstarted.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await OutboxClaims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<SencoHubDb>(), _owner, unstarted, CancellationToken.None);
            foreach (var id in unstarted)
            {
                _held.TryRemove(id, out _);
            }
        }

        return sent;
    }

    /// <summary>
    /// Hands the claim back to be tried in a while. If even that fails (the database is away), the claim is
    /// no longer renewed, so another instance takes it when its lease runs out.
    /// </summary>
    private async Task RetryLaterAsync(long id)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await OutboxClaims.RetryLaterAsync(scope.ServiceProvider.GetRequiredService<SencoHubDb>(), _owner, id,
                clock.GetUtcNow() + TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSendFailed(logger, ex, id);
        }
    }

    /// <summary>
    /// Sleeps until the next waiting message is due (a throttled one's Retry-After), at most a poll
    /// interval, so retries go out on time rather than at the next poll.
    /// </summary>
    private async Task<TimeSpan> UntilNextDueAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await OutboxClaims.NextDueAsync(scope.ServiceProvider.GetRequiredService<SencoHubDb>(), CancellationToken.None);
        var wait = next is { } due ? due - clock.GetUtcNow() : options.Value.PollInterval;
        return wait < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wait > options.Value.PollInterval ? options.Value.PollInterval : wait;
    }

    /// <summary>
    /// Every due message, claimed a batch ahead of the senders (so no sender waits on a claim),
    /// until a claim comes back empty.
    /// </summary>
    private IAsyncEnumerable<long> ClaimAllDueAsync(CancellationToken stoppingToken)
    {
        var batch = options.Value.BatchSize;
        var queue = Channel.CreateBounded<long>(new BoundedChannelOptions(batch * 2) { SingleWriter = true });
        _ = Task.Run(async () =>
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SencoHubDb>();
                    var claimed = await OutboxClaims.ClaimAsync(db, _owner, batch, clock.GetUtcNow(), options.Value.LeaseDuration, CancellationToken.None);
                    if (claimed.Count == 0)
                    {
                        break;
                    }

                    foreach (var id in claimed)
                    {
                        _held[id] = 0;
                    }

                    foreach (var id in claimed)
                    {
                        // Waits while a whole batch is still queued: claims stay one batch ahead.
                        await queue.Writer.WriteAsync(id, CancellationToken.None);
                    }
                }

                queue.Writer.Complete();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                queue.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        return queue.Reader.ReadAllAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery worker loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending outbox message {Id} failed unexpectedly; it will be tried again")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the outbox leases failed; trying again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
