using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The school-day morning reminders, called every few minutes by the scheduler; <see cref="NudgeHeadteachers.DueAsync"/> decides.</summary>
public sealed class SendStrategyNudges(NudgeHeadteachers nudges) : IScheduledJob
{
    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => nudges.DueAsync(now, cancellationToken);
}
