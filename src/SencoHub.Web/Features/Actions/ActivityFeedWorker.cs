using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>Sends the activity feed in the background while Graph is enabled; does nothing otherwise.</summary>
public sealed partial class ActivityFeedWorker(IServiceScopeFactory scopes, GraphClients graph, IOptions<ActionOptions> options,
    IOptions<TeamsAppOptions> teams, ILogger<ActivityFeedWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!graph.IsEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(teams.Value.AppId))
        {
            LogNoAppId(logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SendActivityFeed>().SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.ActivityFeedPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph is enabled but SencoHub:Teams:AppId is not set: activity-feed links cannot open the Actions tab, and Graph may refuse them")]
    private static partial void LogNoAppId(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the activity feed failed; trying again after the poll interval")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
