using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Activities;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>
/// How features send to Teams: messages join the caller's unit of work and are saved with its own
/// change (one transaction), then <see cref="DeliveryWorker"/> sends them. A message whose
/// idempotency key is already queued is not queued again.
/// </summary>
public sealed class Outbox(SencoHubDb db, TimeProvider clock, DeliverySignal signal)
{
    /// <param name="ifUnreachable">
    /// For someone the bot cannot reach yet: <see cref="IfUnreachable.Hold"/> (the default) keeps the message
    /// until they install the app or are first seen; reminders pass <see cref="IfUnreachable.Skip"/>.
    /// </param>
    public Task<bool> ToPersonAsync(string aadObjectId, Activity message, string idempotencyKey, string topic,
        string? trackingKey = null, DateTimeOffset? notBefore = null, IfUnreachable ifUnreachable = IfUnreachable.Hold,
        CancellationToken cancellationToken = default) =>
        AddAsync(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Topic = topic,
            Target = DeliveryTarget.Person,
            TargetAadObjectId = aadObjectId,
            ActivityJson = message.ToJson(),
            TrackingKey = trackingKey,
            IfUnreachable = ifUnreachable,
        }, notBefore, cancellationToken);

    public Task<bool> ToNetworkChannelAsync(Activity message, string idempotencyKey, string topic,
        string? trackingKey = null, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default) =>
        AddAsync(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Topic = topic,
            Target = DeliveryTarget.NetworkChannel,
            ActivityJson = message.ToJson(),
            TrackingKey = trackingKey,
        }, notBefore, cancellationToken);

    public Task<bool> ToConversationAsync(string conversationId, Activity message, string idempotencyKey, string topic,
        string? trackingKey = null, DateTimeOffset? notBefore = null, CancellationToken cancellationToken = default) =>
        AddAsync(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Topic = topic,
            Target = DeliveryTarget.Conversation,
            TargetConversationId = conversationId,
            ActivityJson = message.ToJson(),
            TrackingKey = trackingKey,
        }, notBefore, cancellationToken);

    /// <summary>Replaces what was delivered under <paramref name="trackingKey"/> (e.g. a card that is now out of date).</summary>
    /// <param name="ifHeld">
    /// When the original is still held for someone who has not installed the app: <see cref="IfUnreachable.Hold"/>
    /// (the default) makes this the card they get when they appear; <see cref="IfUnreachable.Skip"/> means the
    /// original no longer matters (answered, acknowledged, superseded, withdrawn), so neither is sent.
    /// </param>
    public async Task<bool> ReplaceDeliveredAsync(string trackingKey, Activity message, string idempotencyKey, string topic,
        IfUnreachable ifHeld = IfUnreachable.Hold, CancellationToken cancellationToken = default)
    {
        var delivered = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.TrackingKey == trackingKey && m.ReplacesTrackingKey == null)
            .Select(m => new { m.Target, m.TargetAadObjectId, m.TargetConversationId })
            .FirstOrDefaultAsync(cancellationToken);
        if (delivered is null)
        {
            return false;
        }

        return await AddAsync(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Topic = topic,
            Target = delivered.Target,
            TargetAadObjectId = delivered.TargetAadObjectId,
            TargetConversationId = delivered.TargetConversationId,
            ActivityJson = message.ToJson(),
            ReplacesTrackingKey = trackingKey,
            IfUnreachable = ifHeld,
        }, null, cancellationToken);
    }

    private async Task<bool> AddAsync(OutboxMessage message, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        if (db.Set<OutboxMessage>().Local.Any(m => m.IdempotencyKey == message.IdempotencyKey)
            || await db.Set<OutboxMessage>().AnyAsync(m => m.IdempotencyKey == message.IdempotencyKey, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        message.State = DeliveryState.Pending;
        message.CreatedAt = now;
        message.DueAt = notBefore is { } later && later > now ? later : now;
        db.Add(message);
        signal.Notify();
        return true;
    }
}

/// <summary>Wakes the delivery worker when new messages are queued, instead of waiting for its next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by another thread.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
