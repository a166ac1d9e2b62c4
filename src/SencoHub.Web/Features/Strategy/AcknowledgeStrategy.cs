using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <param name="Current">When <see cref="Version"/> was superseded: the version to read instead.</param>
/// <param name="Recorded">False when this press found the acknowledgement already there (a double press or a retry).</param>
public sealed record AcknowledgeResult(StrategyVersionView Version, StrategyVersionView? Current, DateTimeOffset? AcknowledgedAt, bool Recorded)
{
    public bool Superseded => Version.State == StrategyState.Superseded;
}

/// <summary>
/// A headteacher acknowledges a published version for every school they lead. Recorded once per
/// version, school and headteacher whatever the presses: a unique index settles races.
/// </summary>
public sealed class AcknowledgeStrategy(SencoHubDb db, ReadStrategy read, Outbox outbox, StrategyCards cards, TimeProvider clock)
{
    public const string NotAHeadteacher =
        "Thanks for reading the trust SEND strategy. Only headteachers acknowledge it, for their schools, so nothing was recorded for you.";

    public async Task<AcknowledgeResult> AcknowledgeAsync(SignedInPerson person, int versionId, CancellationToken cancellationToken = default)
    {
        var schools = person.SchoolsWhere(Role.Headteacher);
        if (schools.Count == 0)
        {
            throw ProblemException.Forbidden(NotAHeadteacher);
        }

        var version = await db.Set<StrategyVersion>().Include(v => v.Acknowledgements.Where(a => a.PersonId == person.PersonId))
            .FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        // A draft is not there for anyone but the SEND lead (ReadStrategy's rule), so pressing on one is answered like a missing version.
        if (version is null || (version.IsDraft && !person.IsSendLead))
        {
            throw ProblemException.NotFound("That version of the strategy");
        }

        if (version.State == StrategyState.Superseded)
        {
            return new AcknowledgeResult(await ViewAsync(versionId, person, cancellationToken), await read.CurrentAsync(cancellationToken: cancellationToken), null, Recorded: false);
        }

        var before = version.Acknowledgements.Count;
        var records = version.Acknowledge(person, schools, clock.GetUtcNow());
        var recorded = version.Acknowledgements.Count > before;
        var view = await ViewAsync(versionId, person, cancellationToken);
        if (recorded)
        {
            await UpdateCardsAsync(view, person, records.Min(r => r.AcknowledgedAt), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another press won the race: what it recorded is the answer.
            db.ChangeTracker.Clear();
            var first = await db.Set<StrategyAcknowledgement>().AsNoTracking()
                .Where(a => a.VersionId == versionId && a.PersonId == person.PersonId)
                .MinAsync(a => (DateTimeOffset?)a.AcknowledgedAt, cancellationToken);
            return new AcknowledgeResult(view, null, first ?? throw new InvalidOperationException("A unique violation without the acknowledgement it guards.", ex), Recorded: false);
        }

        return new AcknowledgeResult(view, null, records.Min(r => r.AcknowledgedAt), recorded);
    }

    /// <summary>When the headteacher acknowledged the version for all their schools; null while any is outstanding.</summary>
    public async Task<DateTimeOffset?> AcknowledgedAtAsync(SignedInPerson person, int versionId, CancellationToken cancellationToken = default)
    {
        var schools = person.SchoolsWhere(Role.Headteacher);
        var acknowledged = await db.Set<StrategyAcknowledgement>().AsNoTracking()
            .Where(a => a.VersionId == versionId && a.PersonId == person.PersonId).ToListAsync(cancellationToken);
        return schools.Count > 0 && schools.All(s => acknowledged.Any(a => a.SchoolId == s)) ? acknowledged.Min(a => a.AcknowledgedAt) : null;
    }

    private async Task<StrategyVersionView> ViewAsync(int versionId, SignedInPerson person, CancellationToken cancellationToken) =>
        await read.FindAsync(versionId, person, cancellationToken: cancellationToken) ?? throw ProblemException.NotFound("That version of the strategy");

    /// <summary>The strategy and reminder cards this headteacher already has lose their button too.</summary>
    private async Task UpdateCardsAsync(StrategyVersionView version, SignedInPerson person, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var personal = StrategyTracking.PersonCard(version.Id, person.AadObjectId);
        var nudges = StrategyTracking.NudgesOf(version.Id, person.AadObjectId);
        var keys = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ReplacesTrackingKey == null && m.TrackingKey != null && (m.TrackingKey == personal || m.TrackingKey.StartsWith(nudges)))
            .Select(m => m.TrackingKey!).Distinct().ToListAsync(cancellationToken);
        var card = cards.Acknowledged(version, person.Name, at);
        foreach (var key in keys)
        {
            await outbox.ReplaceDeliveredAsync(key, card.ToMessage($"Strategy version {version.Number} acknowledged"), key + ":acknowledged", "strategy.acknowledged",
                IfUnreachable.Skip, cancellationToken);
        }
    }
}
