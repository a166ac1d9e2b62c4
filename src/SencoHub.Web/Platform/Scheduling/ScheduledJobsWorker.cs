using Microsoft.Extensions.Options;

namespace SencoHub.Web.Platform.Scheduling;

/// <summary>Calls every registered <see cref="IScheduledJob"/> on a fixed interval, each in its own scope.</summary>
internal sealed partial class ScheduledJobsWorker(
    IServiceScopeFactory scopes, IEnumerable<ScheduledJobRegistration> jobs, TimeProvider clock,
    IOptions<SchedulingOptions> options, ILogger<ScheduledJobsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Real time between runs: the business clock (TimeProvider) only says what "now" is.
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            foreach (var job in jobs)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await ((IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType)).RunAsync(clock.GetUtcNow(), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogJobFailed(logger, ex, job.JobType.Name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed; it runs again at the next interval")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string job);
}
