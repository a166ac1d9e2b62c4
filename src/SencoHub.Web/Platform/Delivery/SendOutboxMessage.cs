using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Connector;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>Sends one claimed message and records the outcome for its recipient.</summary>
internal sealed partial class SendOutboxMessage(
    SencoHubDb db, ConversationStore conversations, DeliveryConnector connector, TimeProvider clock,
    IOptions<DeliveryOptions> options, ILogger<SendOutboxMessage> logger)
{
    public async Task SendAsync(long id, string owner, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboxMessage>()
            .FirstOrDefaultAsync(m => m.Id == id && m.LeaseOwner == owner && m.State == DeliveryState.Sending, cancellationToken);
        if (message is null)
        {
            return; // the lease was lost to another worker
        }

        if (message.AttemptStartedAt is { } started)
        {
            // A worker died between calling Teams and recording the answer: Teams may have it. Sending
            // again is the only way not to lose it (new activities carry no idempotency key).
            LogInDoubt(logger, message.Id, message.Topic, started);
            Count(message, "resent_in_doubt");
        }

        message.Attempts++;
        try
        {
            var activity = Activity.FromJson(message.ActivityJson);
            if (message.ReplacesTrackingKey is { } trackingKey)
            {
                await ReplaceAsync(message, trackingKey, activity, cancellationToken);
            }
            else
            {
                var target = await ResolveAsync(message, cancellationToken);
                activity.Conversation = new ConversationAccount { Id = target.ConversationId, TenantId = target.TenantId };
                if (connector.Pacing is { } pacing)
                {
                    await pacing.WaitAsync(target.ConversationId, activity.TenantId, cancellationToken);
                }

                if (!await StartAttemptAsync(message, owner, cancellationToken))
                {
                    db.ChangeTracker.Clear();
                    return; // the lease ran out and another worker has it: it sends, not this one
                }

                var sent = await connector.Unpaced.SendToConversationAsync(target.ServiceUrl, target.ConversationId, activity, cancellationToken);
                Delivered(message, sent.Id, target.ConversationId);
            }
        }
        catch (ConnectorException ex)
        {
            await RecordFailureAsync(message, ex, cancellationToken);
        }
        catch (NotReachableYetException ex)
        {
            Hold(message, ex.Message);
        }
        catch (UnreachableRecipientException ex)
        {
            Failed(message, ex.Message);
        }

        message.LeaseOwner = null;
        message.LeaseUntil = null;
        message.AttemptStartedAt = null;
        db.Entry(message).Property(m => m.AttemptStartedAt).IsModified = true; // set in the database by StartAttemptAsync
        // The outcome is written even when the worker is stopping: a sent message must be recorded.
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two messages to someone new opened their one personal chat at the same time and the
            // other send recorded it first; this message's outcome must still be written.
            foreach (var added in db.ChangeTracker.Entries<ConversationRecord>().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        if (message.State == DeliveryState.WaitingForInstall && await conversations.CanReachAsync(message.TargetAadObjectId!, CancellationToken.None))
        {
            // They were seen while this was being held: the bot's release ran before the hold was saved.
            await OutboxClaims.ReleaseHeldAsync(db, [message.TargetAadObjectId!], clock.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>
    /// Records that Teams is about to be called, in the same statement that checks the claim is still this
    /// worker's (and extends its lease): a worker whose lease ran out and was claimed by another never sends,
    /// and a crash from here until the outcome is saved leaves a mark that the message may have been sent.
    /// </summary>
    private async Task<bool> StartAttemptAsync(OutboxMessage message, string owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + options.Value.LeaseDuration;
        var started = await db.Set<OutboxMessage>()
            .Where(m => m.Id == message.Id && m.LeaseOwner == owner && m.State == DeliveryState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AttemptStartedAt, now).SetProperty(m => m.LeaseUntil, leaseUntil), cancellationToken);
        return started == 1;
    }

    private async Task<Target> ResolveAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        switch (message.Target)
        {
            case DeliveryTarget.Person:
                var objectId = message.TargetAadObjectId!;
                if (await conversations.PersonalChatOfAsync(objectId, cancellationToken) is { } chat)
                {
                    return new Target(chat.ServiceUrl, chat.ConversationId, chat.TenantId);
                }

                return await CreatePersonalChatAsync(objectId, cancellationToken);
            case DeliveryTarget.NetworkChannel:
                var channel = await conversations.NetworkChannelAsync(cancellationToken)
                    ?? throw new UnreachableRecipientException("SencoHub is not installed in a SENCO network channel.");
                return new Target(channel.ServiceUrl, channel.ConversationId, channel.TenantId);
            default:
                var conversation = await conversations.FindAsync(message.TargetConversationId!, cancellationToken);
                if (conversation is null || conversation.IsDead)
                {
                    throw new UnreachableRecipientException("SencoHub is no longer in that conversation.");
                }

                return new Target(conversation.ServiceUrl, conversation.ConversationId, conversation.TenantId);
        }
    }

    /// <summary>First contact: the bot opens a personal chat with someone it has seen in a team or chat.</summary>
    private async Task<Target> CreatePersonalChatAsync(string objectId, CancellationToken cancellationToken)
    {
        var user = await conversations.FindUserAsync(objectId, cancellationToken);
        var botId = user?.BotId ?? connector.BotId;
        if (user is null || botId is null || user.TenantId is null)
        {
            throw new NotReachableYetException(CannotReachYet);
        }

        var created = await connector.Client.CreateConversationAsync(user.ServiceUrl,
            ConversationParameters.Personal(botId, user.UserId, user.TenantId), cancellationToken);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new UnreachableRecipientException("Teams did not open a chat with this person.");
        }

        var serviceUrl = created.ServiceUrl ?? user.ServiceUrl;
        conversations.AddCreatedPersonalChat(created.Id, serviceUrl, user);
        return new Target(serviceUrl, created.Id, user.TenantId);
    }

    private async Task ReplaceAsync(OutboxMessage message, string trackingKey, Activity activity, CancellationToken cancellationToken)
    {
        var original = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.TrackingKey == trackingKey && m.ReplacesTrackingKey == null)
            .Select(m => new { m.Id, m.State, m.SentActivityId, m.SentConversationId })
            .FirstOrDefaultAsync(cancellationToken);
        if (original is { State: DeliveryState.WaitingForInstall })
        {
            await ReplaceHeldAsync(message, original.Id, trackingKey, cancellationToken);
        }
        else if (original is { State: DeliveryState.Superseded })
        {
            Superseded(message, "Not sent: the message it updates was not needed any more.");
        }
        else if (original is { State: DeliveryState.Delivered, SentActivityId: { } activityId, SentConversationId: { } conversationId })
        {
            // Updates of one message are sent in parallel and may finish in any order: each sends the newest
            // card queued for that message, so whichever lands last, people see the current one.
            if (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ReplacesTrackingKey == trackingKey && m.Id > message.Id)
                    .OrderByDescending(m => m.Id).Select(m => m.ActivityJson).FirstOrDefaultAsync(cancellationToken) is { } newest)
            {
                activity = Activity.FromJson(newest);
            }

            var conversation = await conversations.FindAsync(conversationId, cancellationToken)
                ?? throw new UnreachableRecipientException("SencoHub is no longer in that conversation.");
            activity.Id = activityId;
            activity.Conversation = new ConversationAccount { Id = conversationId, TenantId = conversation.TenantId };
            await connector.Client.UpdateActivityAsync(conversation.ServiceUrl, conversationId, activityId, activity, cancellationToken);
            Delivered(message, activityId, conversationId);
        }
        else if (original is null or { State: DeliveryState.Failed } || original.SentActivityId is null && original.State == DeliveryState.Delivered)
        {
            Failed(message, "There is no delivered message to update.");
        }
        else
        {
            // The original is still on its way: update it once it has been sent.
            Wait(message, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// The original waits for someone to install the app: the newest update queued for it decides what they get
    /// when they appear — its card instead (<see cref="IfUnreachable.Hold"/>), or nothing (<see cref="IfUnreachable.Skip"/>).
    /// Conditional on the original still being held, so a release racing this is never undone.
    /// </summary>
    private async Task ReplaceHeldAsync(OutboxMessage message, long originalId, string trackingKey, CancellationToken cancellationToken)
    {
        var newest = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ReplacesTrackingKey == trackingKey)
            .OrderByDescending(m => m.Id).Select(m => new { m.ActivityJson, m.IfUnreachable }).FirstAsync(cancellationToken);
        var held = db.Set<OutboxMessage>().Where(m => m.Id == originalId && m.State == DeliveryState.WaitingForInstall);
        var changed = newest.IfUnreachable == IfUnreachable.Skip
            ? await held.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, DeliveryState.Superseded)
                .SetProperty(m => m.FailureReason, "Not sent: no longer needed by the time this person could be reached.")
                .SetProperty(m => m.CompletedAt, clock.GetUtcNow()), cancellationToken)
            : await held.ExecuteUpdateAsync(s => s.SetProperty(m => m.ActivityJson, newest.ActivityJson), cancellationToken);
        if (changed == 1)
        {
            Superseded(message, newest.IfUnreachable == IfUnreachable.Skip
                ? "Not sent: the message it updates was not needed any more."
                : "Not sent: its card goes out in place of the held original.");
        }
        else
        {
            Wait(message, TimeSpan.FromSeconds(5)); // released meanwhile: update it once it has been sent
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, ConnectorException ex, CancellationToken cancellationToken)
    {
        if (ex.IsConversationGone)
        {
            if (await ConversationOfAsync(message, cancellationToken) is { } conversationId)
            {
                await conversations.MarkDeadAsync(conversationId, $"{ex.StatusCode} {ex.SubCode ?? ex.ErrorCode}", cancellationToken);
            }

            Failed(message, "Teams no longer accepts messages in this conversation (the app was removed or blocked).");
            return;
        }

        var retryable = ex.Failure is ConnectorFailure.Throttled or ConnectorFailure.Unreachable;
        if (!retryable || message.Attempts >= options.Value.MaxAttempts)
        {
            Failed(message, ex.Failure switch
            {
                ConnectorFailure.TooLarge => "The message is too large for Teams.",
                ConnectorFailure.Throttled or ConnectorFailure.Unreachable => $"Teams was busy or unreachable after {message.Attempts} attempts.",
                _ => $"Teams refused the message ({ex.Failure}).",
            });
            return;
        }

        Wait(message, ex.RetryAfter ?? Backoff(message.Attempts));
    }

    private async Task<string?> ConversationOfAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Target switch
    {
        DeliveryTarget.Person => (await conversations.PersonalChatOfAsync(message.TargetAadObjectId!, cancellationToken))?.ConversationId,
        DeliveryTarget.NetworkChannel => (await conversations.NetworkChannelAsync(cancellationToken))?.ConversationId,
        _ => message.TargetConversationId,
    };

    /// <summary>Exponential backoff with jitter (1 s, 2 s, 4 s … capped at 60 s).</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(60, Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private void Delivered(OutboxMessage message, string? activityId, string conversationId)
    {
        message.State = DeliveryState.Delivered;
        message.SentActivityId = activityId;
        message.SentConversationId = conversationId;
        message.FailureReason = null;
        message.CompletedAt = clock.GetUtcNow();
        Count(message, "delivered");
    }

    /// <summary>Held for someone the bot cannot reach yet; a reminder is not worth holding.</summary>
    private void Hold(OutboxMessage message, string reason)
    {
        if (message.IfUnreachable == IfUnreachable.Skip)
        {
            Superseded(message, "Not sent: " + reason);
            return;
        }

        message.State = DeliveryState.WaitingForInstall;
        message.FailureReason = reason;
        message.CompletedAt = null;
        Count(message, "waiting_for_install");
    }

    private void Superseded(OutboxMessage message, string reason)
    {
        message.State = DeliveryState.Superseded;
        message.FailureReason = reason;
        message.CompletedAt = clock.GetUtcNow();
        Count(message, "superseded");
    }

    private void Wait(OutboxMessage message, TimeSpan delay)
    {
        message.State = DeliveryState.Waiting;
        message.DueAt = clock.GetUtcNow() + delay;
        Count(message, "waiting");
    }

    private void Failed(OutboxMessage message, string reason)
    {
        LogFailed(logger, message.Id, message.Topic, reason);
        message.State = DeliveryState.Failed;
        message.FailureReason = reason;
        message.CompletedAt = clock.GetUtcNow();
        Count(message, "failed");
    }

    private static void Count(OutboxMessage message, string outcome) =>
        SencoHubTelemetry.DeliveryOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("topic", message.Topic));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Topic}) was being sent at {Started} when its worker stopped; sending it again (Teams may show it twice)")]
    private static partial void LogInDoubt(ILogger logger, long id, string topic, DateTimeOffset started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Topic}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, long id, string topic, string reason);

    internal const string CannotReachYet = "SencoHub cannot reach this person yet: they have not installed the app and are not in a team or chat with it. It is sent when they are.";

    private sealed record Target(string ServiceUrl, string ConversationId, string? TenantId);
}

/// <summary>No conversation can be found or opened for the recipient: a final failure with a reason people can act on.</summary>
internal class UnreachableRecipientException(string message) : Exception(message);

/// <summary>The person has not installed the app and has not been seen: not a failure, the message waits for them.</summary>
internal sealed class NotReachableYetException(string message) : UnreachableRecipientException(message);
