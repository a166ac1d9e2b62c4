using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Actions;

/// <summary>The school-day morning chase, called every few minutes by the scheduler; <see cref="ChaseActions.DueAsync"/> decides.</summary>
public sealed class SendActionReminders(ChaseActions chase) : IScheduledJob
{
    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => chase.DueAsync(now, cancellationToken);
}
