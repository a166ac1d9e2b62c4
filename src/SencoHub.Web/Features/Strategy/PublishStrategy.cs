using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

public sealed record PublishResult(int Id, int Number, StrategyState State, DateTimeOffset PublishedAt,
    int Headteachers, int Sencos, bool NetworkChannel, int? SupersededVersionId);

/// <summary>
/// Publishing a draft: it becomes the current version, the one before it is superseded, and the
/// cards are queued in the same transaction (a personal card to every headteacher and SENCO, a post
/// in the SENCO network channel, and "superseded" updates to the old version's cards).
/// </summary>
public sealed class PublishStrategy(
    SencoHubDb db, ReadStrategy read, DirectoryService directory, ConversationStore conversations, Outbox outbox, StrategyCards cards, TimeProvider clock)
{
    public async Task<PublishResult> PublishAsync(int versionId, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        StrategyAccess.EnsureSendLead(by);
        var versions = db.Set<StrategyVersion>();
        var version = await versions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken)
            ?? throw ProblemException.NotFound("The strategy version");
        var now = clock.GetUtcNow();
        version.Publish(by, now);
        var previous = await versions.Where(v => v.State == StrategyState.Published && v.Id != versionId).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.Supersede(version, now);
        }

        // The view is read from the database, which still holds the draft: stamp what publishing changes.
        var view = (await read.FindAsync(versionId, by, cancellationToken: cancellationToken))! with
        {
            State = StrategyState.Published, PublishedAt = now, PublishedBy = by.Name,
        };
        var (headteachers, sencos) = await QueuePersonalCardsAsync(view, cancellationToken);
        var channel = await conversations.NetworkChannelAsync(cancellationToken) is not null;
        if (channel)
        {
            await outbox.ToNetworkChannelAsync(cards.ForChannel(view).ToMessage(Summary(view)), $"strategy:{view.Id}:published:channel",
                "strategy.published", StrategyTracking.ChannelCard(view.Id), cancellationToken: cancellationToken);
        }

        foreach (var old in previous)
        {
            await QueueSupersededAsync(old, view, by, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict($"Version {version.Number} was changed or published by someone else a moment ago; reload to see it.");
        }

        return new PublishResult(version.Id, version.Number, version.State, now, headteachers, sencos, channel, previous.FirstOrDefault()?.Id);
    }

    /// <summary>One card per person: a headteacher who is also a SENCO gets the headteacher's card, with the button.</summary>
    private async Task<(int Headteachers, int Sencos)> QueuePersonalCardsAsync(StrategyVersionView view, CancellationToken cancellationToken)
    {
        var schools = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var heads = (await directory.HoldersOfAsync(Role.Headteacher, cancellationToken))
            .GroupBy(h => h.AadObjectId, StringComparer.Ordinal).ToList();
        foreach (var head in heads)
        {
            var names = head.Select(h => h.SchoolId).OfType<string>().Select(id => schools.GetValueOrDefault(id, id)).Distinct().ToList();
            await outbox.ToPersonAsync(head.Key, cards.ForHeadteacher(view, names).ToMessage(Summary(view)), $"strategy:{view.Id}:published:{head.Key}",
                "strategy.published", StrategyTracking.PersonCard(view.Id, head.Key), cancellationToken: cancellationToken);
        }

        var headIds = heads.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        var sencos = (await directory.HoldersOfAsync(Role.Senco, cancellationToken))
            .Select(s => s.AadObjectId).Where(id => !headIds.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var senco in sencos)
        {
            await outbox.ToPersonAsync(senco, cards.ForReader(view).ToMessage(Summary(view)), $"strategy:{view.Id}:published:{senco}",
                "strategy.published", StrategyTracking.PersonCard(view.Id, senco), cancellationToken: cancellationToken);
        }

        return (heads.Count, sencos.Count);
    }

    private async Task QueueSupersededAsync(StrategyVersion old, StrategyVersionView current, SignedInPerson by, CancellationToken cancellationToken)
    {
        var prefix = StrategyTracking.OfVersion(old.Id);
        var keys = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ReplacesTrackingKey == null && m.TrackingKey != null && m.TrackingKey.StartsWith(prefix))
            .Select(m => m.TrackingKey!).Distinct().ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return;
        }

        var oldView = (await read.FindAsync(old.Id, by, cancellationToken: cancellationToken))! with { State = StrategyState.Superseded };
        var card = cards.Superseded(oldView, current);
        foreach (var key in keys)
        {
            await outbox.ReplaceDeliveredAsync(key, card.ToMessage($"Strategy version {old.Number} superseded"), key + ":superseded", "strategy.superseded",
                IfUnreachable.Skip, cancellationToken);
        }
    }

    private static string Summary(StrategyVersionView view) => $"Trust SEND strategy, version {view.Number}";
}
