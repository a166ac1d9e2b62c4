using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SencoHub.Teams.Activities;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Platform.Delivery;

/// <summary>
/// Keeps the conversation references the bot learns from incoming activities, and releases what the
/// outbox held for people the bot could not reach until now.
/// </summary>
public sealed class ConversationStore(SencoHubDb db, TimeProvider clock, IMemoryCache recent, DeliverySignal signal)
{
    private static readonly TimeSpan SeenRefreshInterval = TimeSpan.FromMinutes(10);

    // People this capture made reachable (a personal chat, or seen in a team or chat): released after the save.
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

    /// <summary>Records (or refreshes) the conversation and the people in it; the caller saves when this returns true.</summary>
    public async Task<bool> CaptureAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var kind = KindOf(activity);
        var conversationId = kind == ConversationKind.Channel ? ChannelOf(activity) : activity.Conversation.Id;
        // The bot's hot path: a conversation recorded moments ago, from the same sender and host,
        // has nothing new to record (installs and membership changes always are).
        var seen = (activity.From?.Id, activity.ServiceUrl);
        var membershipChange = activity.IsType(ActivityTypes.InstallationUpdate) || activity.IsType(ActivityTypes.ConversationUpdate);
        if (!membershipChange && recent.TryGetValue(RecentKey(conversationId), out (string?, string) last) && last == seen)
        {
            return false;
        }

        recent.Set(RecentKey(conversationId), seen, SeenRefreshInterval);
        var record = await FindTrackedAsync(conversationId, cancellationToken);
        if (record is null)
        {
            record = new ConversationRecord { ConversationId = conversationId, ServiceUrl = activity.ServiceUrl };
            db.Add(record);
        }

        record.Kind = kind;
        record.ServiceUrl = activity.ServiceUrl;
        record.TenantId = activity.TenantId ?? record.TenantId;
        record.BotId = activity.Recipient?.Id ?? record.BotId;
        record.TeamId = activity.ChannelData?.Team?.Id ?? record.TeamId;
        record.TeamAadGroupId = activity.ChannelData?.Team?.AadGroupId ?? record.TeamAadGroupId;
        // Team and chat names are typed in Teams: one that holds a pupil identifier is not kept.
        var name = activity.ChannelData?.Team?.Name ?? activity.Conversation.Name;
        record.Name = name is null ? record.Name : PupilDataGuard.ContainsUpn(name) ? null : name;
        // Refreshed now and then, not on every activity, so a busy conversation does not write on each turn.
        if (now - record.LastSeenAt > SeenRefreshInterval)
        {
            record.LastSeenAt = now;
        }

        // An activity from here proves the conversation works again.
        (record.IsDead, record.DeadReason) = (false, null);
        if (kind == ConversationKind.Personal && activity.From?.AadObjectId is { Length: > 0 } objectId)
        {
            (record.UserId, record.UserAadObjectId) = (activity.From.Id, objectId);
            _reached.Add(objectId);
        }

        if (IsBotAdded(activity))
        {
            record.InstalledAt = now;
        }

        foreach (var member in new[] { activity.From }.Concat(activity.MembersAdded ?? []))
        {
            await RememberUserAsync(member, activity, now, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Queues again what the outbox held for the people the last capture made reachable (their open round's
    /// check-in card, a strategy version, their actions: whatever features still hold for them). Call after
    /// the capture is saved, so the worker finds their chat when it sends.
    /// </summary>
    public async Task ReleaseHeldAsync(CancellationToken cancellationToken = default)
    {
        if (_reached.Count == 0)
        {
            return;
        }

        var released = await OutboxClaims.ReleaseHeldAsync(db, [.. _reached], clock.GetUtcNow(), cancellationToken);
        _reached.Clear();
        if (released > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>Whether the bot has a personal chat with this person, or has seen them and can open one.</summary>
    public async Task<bool> CanReachAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        await PersonalChatOfAsync(aadObjectId, cancellationToken) is not null
        || await db.Set<TeamsUser>().AnyAsync(u => u.AadObjectId == aadObjectId && u.TenantId != null, cancellationToken);

    /// <summary>Makes the next capture of this activity's conversation record it again.</summary>
    public void ForgetRecentlySeen(Activity activity)
    {
        if (activity.Conversation?.Id is { } id)
        {
            recent.Remove(RecentKey(KindOf(activity) == ConversationKind.Channel ? ChannelOf(activity) : id));
        }
    }

    /// <summary>The app was removed from a conversation: forget it, so nothing is sent there.</summary>
    public async Task ForgetAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        if (activity.Conversation?.Id is not { } id)
        {
            return;
        }

        var conversationId = KindOf(activity) == ConversationKind.Channel ? ChannelOf(activity) : id;
        recent.Remove(RecentKey(conversationId));
        await db.Set<ConversationRecord>().Where(c => c.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);
        if (activity.ChannelData?.Team?.Id is { } teamId)
        {
            await db.Set<ConversationRecord>().Where(c => c.TeamId == teamId).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public Task<ConversationRecord?> PersonalChatOfAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        db.Set<ConversationRecord>()
            .Where(c => c.Kind == ConversationKind.Personal && c.UserAadObjectId == aadObjectId && !c.IsDead)
            .OrderByDescending(c => c.LastSeenAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The SENCO network channel: the team channel where the app was installed most recently.</summary>
    public Task<ConversationRecord?> NetworkChannelAsync(CancellationToken cancellationToken = default) =>
        db.Set<ConversationRecord>()
            .Where(c => c.Kind == ConversationKind.Channel && c.InstalledAt != null && !c.IsDead)
            .OrderByDescending(c => c.InstalledAt)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken = default) =>
        db.Set<ConversationRecord>().FirstOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken);

    public Task<TeamsUser?> FindUserAsync(string aadObjectId, CancellationToken cancellationToken = default) =>
        db.Set<TeamsUser>().FirstOrDefaultAsync(u => u.AadObjectId == aadObjectId, cancellationToken);

    public async Task MarkDeadAsync(string conversationId, string reason, CancellationToken cancellationToken = default)
    {
        recent.Remove(RecentKey(conversationId));
        var record = await FindTrackedAsync(conversationId, cancellationToken);
        if (record is not null)
        {
            (record.IsDead, record.DeadReason) = (true, reason.Length > 300 ? reason[..300] : reason);
        }
    }

    /// <summary>Stores a personal chat the bot created itself (proactive first contact).</summary>
    public void AddCreatedPersonalChat(string conversationId, string serviceUrl, TeamsUser user)
    {
        db.Add(new ConversationRecord
        {
            ConversationId = conversationId,
            Kind = ConversationKind.Personal,
            ServiceUrl = serviceUrl,
            TenantId = user.TenantId,
            BotId = user.BotId,
            UserId = user.UserId,
            UserAadObjectId = user.AadObjectId,
            LastSeenAt = clock.GetUtcNow(),
        });
    }

    private async Task RememberUserAsync(ChannelAccount? member, Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (member?.AadObjectId is not { Length: > 0 } objectId || string.IsNullOrEmpty(member.Id) || member.Id == activity.Recipient?.Id)
        {
            return;
        }

        var user = db.Set<TeamsUser>().Local.FirstOrDefault(u => u.AadObjectId == objectId)
            ?? await db.Set<TeamsUser>().FirstOrDefaultAsync(u => u.AadObjectId == objectId, cancellationToken);
        if (user is null)
        {
            user = new TeamsUser { AadObjectId = objectId, UserId = member.Id, ServiceUrl = activity.ServiceUrl! };
            db.Add(user);
        }

        (user.UserId, user.ServiceUrl) = (member.Id, activity.ServiceUrl!);
        if (now - user.LastSeenAt > SeenRefreshInterval)
        {
            user.LastSeenAt = now;
        }

        user.TenantId = activity.TenantId ?? user.TenantId;
        user.BotId = activity.Recipient?.Id ?? user.BotId;
        _reached.Add(objectId);
    }

    private async Task<ConversationRecord?> FindTrackedAsync(string conversationId, CancellationToken cancellationToken) =>
        db.Set<ConversationRecord>().Local.FirstOrDefault(c => c.ConversationId == conversationId)
            ?? await db.Set<ConversationRecord>().FirstOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken);

    private static (string, string) RecentKey(string conversationId) => ("conversation-seen", conversationId);

    private static bool IsBotAdded(Activity activity) =>
        (activity.IsType(ActivityTypes.InstallationUpdate) && activity.Action?.StartsWith(InstallationActions.Add, StringComparison.OrdinalIgnoreCase) == true)
        || (activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) ?? false);

    private static ConversationKind KindOf(Activity activity) => activity.Conversation?.ConversationType?.ToUpperInvariant() switch
    {
        "PERSONAL" => ConversationKind.Personal,
        "CHANNEL" => ConversationKind.Channel,
        "GROUPCHAT" => ConversationKind.GroupChat,
        _ when activity.ChannelData?.Team?.Id is not null => ConversationKind.Channel,
        _ when activity.Conversation?.IsGroup == true => ConversationKind.GroupChat,
        _ => ConversationKind.Personal,
    };

    /// <summary>A channel message arrives in a thread (<c>19:…;messageid=…</c>); new posts go to the channel itself.</summary>
    private static string ChannelOf(Activity activity)
    {
        var id = activity.ChannelData?.Channel?.Id ?? activity.Conversation!.Id!;
        var thread = id.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? id : id[..thread];
    }
}
