using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>
/// Claims due messages with a lease. On PostgreSQL several instances share the outbox: rows are
/// locked with <c>FOR UPDATE SKIP LOCKED</c>, so no two workers claim the same message. SQLite
/// serialises writers, so a conditional update claims atomically there. Retries that have waited
/// out a Retry-After go first, so they do not pile up behind a long queue of new messages.
/// Leases are short and renewed while the worker holding them lives (<see cref="RenewAsync"/>), so a
/// killed instance's claims are taken over within seconds. A worker never takes over its own expired
/// claims: they are still queued in it (a test clock can jump past them) and would be sent twice.
/// </summary>
internal static class OutboxClaims
{
    public static async Task<IReadOnlyList<long>> ClaimAsync(SencoHubDb db, string owner, int batchSize, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<long>($"""
                UPDATE outbox_messages SET "State" = 'Sending', "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outbox_messages
                    WHERE ("State" IN ('Pending', 'Waiting') AND "DueAt" <= {now})
                       OR ("State" = 'Sending' AND "LeaseUntil" < {now} AND "LeaseOwner" <> {owner})
                    ORDER BY CASE WHEN "State" = 'Waiting' THEN 0 ELSE 1 END, "DueAt", "Id"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }

        var candidates = await Claimable(db, now, owner)
            .OrderBy(m => m.State == DeliveryState.Waiting ? 0 : 1).ThenBy(m => m.DueAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // Re-checks claimability in the same statement, so a competing process cannot double-claim.
        await Claimable(db, now, owner).Where(m => candidates.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, DeliveryState.Sending)
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseUntil, until), cancellationToken);
        return await db.Set<OutboxMessage>().Where(m => candidates.Contains(m.Id) && m.LeaseOwner == owner && m.State == DeliveryState.Sending)
            .Select(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>When the earliest pending or waiting message falls due, if any.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(SencoHubDb db, CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>()
            .Where(m => m.State == DeliveryState.Pending || m.State == DeliveryState.Waiting)
            .OrderBy(m => m.DueAt)
            .Select(m => (DateTimeOffset?)m.DueAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Hands unstarted claims back when the worker stops, so another instance takes them at once.</summary>
    public static Task ReleaseAsync(SencoHubDb db, string owner, IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.State == DeliveryState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, DeliveryState.Pending)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Extends this worker's claims on the messages it still holds; returns how many it still owns.</summary>
    public static Task<int> RenewAsync(SencoHubDb db, string owner, IReadOnlyCollection<long> ids, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.State == DeliveryState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until), cancellationToken);

    /// <summary>Hands a claim back to be tried again later (its send failed unexpectedly).</summary>
    public static Task RetryLaterAsync(SencoHubDb db, string owner, long id, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().Where(m => m.Id == id && m.LeaseOwner == owner && m.State == DeliveryState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, DeliveryState.Waiting)
                .SetProperty(m => m.DueAt, dueAt)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>
    /// People the bot can now reach (they installed the app, or were seen in a team or chat): what was held
    /// for them is queued again, once — a conditional update, so concurrent sightings release it only once.
    /// </summary>
    public static Task<int> ReleaseHeldAsync(SencoHubDb db, IReadOnlyCollection<string> aadObjectIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>()
            .Where(m => m.State == DeliveryState.WaitingForInstall && m.TargetAadObjectId != null && aadObjectIds.Contains(m.TargetAadObjectId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, DeliveryState.Pending)
                .SetProperty(m => m.DueAt, now)
                .SetProperty(m => m.FailureReason, (string?)null), cancellationToken);

    private static IQueryable<OutboxMessage> Claimable(SencoHubDb db, DateTimeOffset now, string owner) =>
        db.Set<OutboxMessage>().Where(m =>
            ((m.State == DeliveryState.Pending || m.State == DeliveryState.Waiting) && m.DueAt <= now)
            || (m.State == DeliveryState.Sending && m.LeaseUntil < now && m.LeaseOwner != owner));
}
