using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Abstractions;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// Sends queued activity-feed notifications with <c>POST /users/{id}/teamwork/sendActivityNotification</c>
/// (graph-endpoints.md, section 3). Each is claimed before it is sent, so instances sharing the database
/// send it once; Graph's own retry handler absorbs throttling, and a refusal (4xx) is final.
/// </summary>
public sealed partial class SendActivityFeed(SencoHubDb db, GraphClients graph, IOptions<TeamsAppOptions> teams, TimeProvider clock, ILogger<SendActivityFeed> logger)
{
    private const int Batch = 20;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (!graph.IsEnabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var candidates = await db.Set<ActivityFeedNotification>().AsNoTracking()
            .Where(n => (n.State == FeedState.Pending && n.DueAt <= now) || (n.State == FeedState.Sending && n.LeaseUntil < now))
            .OrderBy(n => n.Id).Select(n => n.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in candidates)
        {
            if (await ClaimAsync(id, now, cancellationToken) && await SendAsync(id, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Pending (or a lease left by a crashed instance) becomes ours; false when another instance got there first.</summary>
    private async Task<bool> ClaimAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<ActivityFeedNotification>()
            .Where(n => n.Id == id && ((n.State == FeedState.Pending && n.DueAt <= now) || (n.State == FeedState.Sending && n.LeaseUntil < now)))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, FeedState.Sending).SetProperty(n => n.LeaseUntil, now + Lease), cancellationToken) == 1;

    private async Task<bool> SendAsync(long id, CancellationToken cancellationToken)
    {
        var notification = await db.Set<ActivityFeedNotification>().FirstAsync(n => n.Id == id, cancellationToken);
        var sent = false;
        try
        {
            await graph.Client.Users[notification.RecipientAadObjectId].Teamwork.SendActivityNotification.PostAsync(Body(notification), cancellationToken: cancellationToken);
            notification.Sent(clock.GetUtcNow());
            sent = true;
        }
        catch (ApiException refused) when (refused.ResponseStatusCode is >= 400 and < 500 and not 429)
        {
            // Not installed for the person, no permission, a bad request: trying again will not help.
            var code = (refused as ODataError)?.Error?.Code;
            notification.Failed($"{refused.ResponseStatusCode} {code}".Trim(), clock.GetUtcNow());
            LogRefused(logger, notification.Id, notification.ActivityType, refused.ResponseStatusCode, code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An outage Graph's own handler could not ride out, a token that could not be had: try again in a few minutes.
            notification.Retry(ex is ApiException api ? $"{api.ResponseStatusCode} {(api as ODataError)?.Error?.Code}".Trim() : ex.GetType().Name, clock.GetUtcNow(), MaxAttempts);
            LogFailed(logger, notification.Id, notification.ActivityType, ex.GetType().Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private SendActivityNotificationPostRequestBody Body(ActivityFeedNotification notification)
    {
        var parameters = JsonSerializer.Deserialize<List<TemplateParameter>>(notification.TemplateParametersJson) ?? [];
        var body = new SendActivityNotificationPostRequestBody
        {
            // A "text" topic opens the tab from the feed through its Teams deep link.
            Topic = new TeamworkActivityTopic { Source = TeamworkActivityTopicSource.Text, Value = "SEND actions", WebUrl = notification.WebUrl },
            ActivityType = notification.ActivityType,
            PreviewText = new ItemBody { Content = notification.PreviewText },
            TemplateParameters = [.. parameters.Select(p => new Microsoft.Graph.Models.KeyValuePair { Name = p.Name, Value = p.Value })],
        };
        if (!string.IsNullOrWhiteSpace(teams.Value.AppId))
        {
            body.TeamsAppId = teams.Value.AppId;
        }

        return body;
    }

    private sealed record TemplateParameter([property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("value")] string Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused activity-feed notification {NotificationId} ({ActivityType}): {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, long notificationId, string activityType, int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity-feed notification {NotificationId} ({ActivityType}) not sent ({Error}); it will be tried again")]
    private static partial void LogFailed(ILogger logger, long notificationId, string activityType, string error);
}
