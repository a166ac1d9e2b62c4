using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <param name="Headteacher">Null when the directory has no headteacher for the school.</param>
/// <param name="Card">Where the version's card to them stands in Teams; null when none was sent (not a headteacher then).</param>
public sealed record AcknowledgementRow(string SchoolId, string SchoolName, int? HeadteacherPersonId, string? Headteacher,
    DateTimeOffset? AcknowledgedAt, DateOnly? LastRemindedOn, RecipientDelivery? Card = null)
{
    public bool Outstanding => Headteacher is not null && AcknowledgedAt is null;
}

/// <param name="CannotReachYet">Outstanding headteachers whose card waits because they have not installed the app: not failed, not delivered.</param>
public sealed record AcknowledgementBoard(int VersionId, int Number, string Title, StrategyState State, DateTimeOffset? PublishedAt,
    int Acknowledged, int Outstanding, IReadOnlyList<AcknowledgementRow> Rows, int CannotReachYet = 0);

/// <summary>Who has acknowledged a published version: one row per school and headteacher (school × headteacher).</summary>
public sealed class ListAcknowledgements(SencoHubDb db, DirectoryService directory, DeliveryReach reach)
{
    public async Task<AcknowledgementBoard> BoardAsync(int versionId, SignedInPerson viewer, CancellationToken cancellationToken = default)
    {
        if (!viewer.HasTrustWideRead)
        {
            throw ProblemException.Forbidden("Only the SEND lead and trustees see who has acknowledged the strategy.");
        }

        var version = await db.Set<StrategyVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null || (version.IsDraft && !viewer.IsSendLead))
        {
            throw ProblemException.NotFound("The strategy version");
        }

        if (version.IsDraft)
        {
            throw ProblemException.Conflict($"Version {version.Number} is a draft; headteachers acknowledge it once it is published.");
        }

        var rows = await RowsAsync(versionId, cancellationToken);
        return new AcknowledgementBoard(version.Id, version.Number, version.Title, version.State, version.PublishedAt,
            rows.Count(r => r.AcknowledgedAt is not null), rows.Count(r => r.Outstanding), rows,
            rows.Count(r => r.Outstanding && r.Card == RecipientDelivery.CannotReachYet));
    }

    /// <summary>
    /// The headteachers in the directory today against what is recorded; acknowledgements by people
    /// who no longer lead that school stay listed, because they happened.
    /// </summary>
    internal async Task<IReadOnlyList<AcknowledgementRow>> RowsAsync(int versionId, CancellationToken cancellationToken)
    {
        var schools = await directory.ListSchoolsAsync(cancellationToken);
        var heads = await directory.HoldersOfAsync(Role.Headteacher, cancellationToken);
        var acknowledgements = await db.Set<StrategyAcknowledgement>().AsNoTracking().Where(a => a.VersionId == versionId).ToListAsync(cancellationToken);
        var reminded = (await db.Set<StrategyNudge>().AsNoTracking().Where(n => n.VersionId == versionId)
                .Select(n => new { n.PersonId, n.On }).ToListAsync(cancellationToken))
            .GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => g.Max(n => n.On));
        var cards = await reach.OfAsync([.. heads.Select(h => StrategyTracking.PersonCard(versionId, h.AadObjectId))], cancellationToken);
        var rows = new List<AcknowledgementRow>();
        foreach (var school in schools)
        {
            var schoolHeads = heads.Where(h => h.SchoolId == school.Id).ToList();
            foreach (var head in schoolHeads)
            {
                var acknowledged = acknowledgements.FirstOrDefault(a => a.SchoolId == school.Id && a.PersonId == head.PersonId);
                rows.Add(new AcknowledgementRow(school.Id, school.Name, head.PersonId, head.Name, acknowledged?.AcknowledgedAt,
                    reminded.TryGetValue(head.PersonId, out var on) ? on : null,
                    cards.TryGetValue(StrategyTracking.PersonCard(versionId, head.AadObjectId), out var card) ? card : null));
            }

            rows.AddRange(acknowledgements.Where(a => a.SchoolId == school.Id && !schoolHeads.Any(h => h.PersonId == a.PersonId))
                .Select(a => new AcknowledgementRow(school.Id, school.Name, a.PersonId, a.PersonName, a.AcknowledgedAt, null)));
            if (schoolHeads.Count == 0 && !acknowledgements.Any(a => a.SchoolId == school.Id))
            {
                rows.Add(new AcknowledgementRow(school.Id, school.Name, null, null, null, null));
            }
        }

        return rows;
    }
}
