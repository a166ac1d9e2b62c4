using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Platform.Scheduling;

/// <summary>
/// Periodic work (nudges, reminders, automatic rounds). Called every few minutes with the current
/// time; the job decides whether it is due (e.g. a school-day morning) and must be idempotent, since
/// it is called many times a day and by every instance.
/// </summary>
public interface IScheduledJob
{
    Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class SchedulingOptions
{
    public const string SectionName = "SencoHub:Scheduling";

    /// <summary>Run scheduled jobs in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the jobs are called.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

public static class SchedulingSetup
{
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services) where TJob : class, IScheduledJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new ScheduledJobRegistration(typeof(TJob)));
        return services;
    }

    public static IServiceCollection AddSencoHubScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ScheduledJobsWorker>();
        return services;
    }
}

internal sealed record ScheduledJobRegistration(Type JobType);
