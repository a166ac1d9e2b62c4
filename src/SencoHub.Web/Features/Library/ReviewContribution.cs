using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Storage;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

public sealed record RejectRequest(string? Reason);

/// <summary>
/// The SEND lead's side of contributions: edit the description while it waits, approve it (it moves
/// from the file store into the library store) or reject it with a reason (the file is deleted).
/// Either way the contributor gets a card, queued in the same transaction as the decision.
/// </summary>
public sealed partial class ReviewContribution(
    SencoHubDb db, PublishResource publish, ReadLibrary read, DirectoryService directory, IFileStore files, Outbox outbox, LibraryCards cards,
    TimeProvider clock, ILogger<ReviewContribution> logger)
{
    public async Task<ContributionView> EditAsync(int id, ResourceMetadataInput? input, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        LibraryAccess.EnsureSendLead(by, "edit a contribution");
        var contribution = await PendingAsync(id, cancellationToken);
        contribution.Describe(await CheckAsync(input, cancellationToken));
        await SaveAsync(cancellationToken);
        return (await read.FindContributionAsync(id, by, cancellationToken))!;
    }

    /// <summary>Publishes it; <paramref name="edits"/>, when given, replace its description first.</summary>
    public async Task<ResourceDetailView> ApproveAsync(int id, ResourceMetadataInput? edits, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        LibraryAccess.EnsureSendLead(by, "approve a contribution");
        var contribution = await PendingAsync(id, cancellationToken);
        if (edits is not null && edits != new ResourceMetadataInput())
        {
            contribution.Describe(await CheckAsync(edits, cancellationToken));
        }

        LibraryResource? forResource = null;
        if (contribution.ForResourceId is { } resourceId)
        {
            forResource = await db.Set<LibraryResource>().Include(r => r.Versions).FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken)
                ?? throw ProblemException.Conflict("The resource this was a new version of has been taken out of the library; reject it, or ask for it as a new resource.");
        }

        var fileKey = contribution.FileKey;
        var file = contribution.IsLink ? null : new FileToPublish(contribution.FileName!, contribution.ContentType!, contribution.Length ?? 0, contribution.Sha256 ?? string.Empty,
            async ct =>
            {
                try
                {
                    return await files.OpenReadAsync(fileKey!, ct);
                }
                catch (FileNotFoundException)
                {
                    throw ProblemException.Conflict("The contribution's file is no longer in the file store, so it cannot be published; reject it and ask for it again.");
                }
            });
        var resource = await publish.PublishAsync(new Publication(contribution.Metadata, file, contribution.Link, contribution.IndexText, contribution.Note, null, by,
            forResource, contribution.Id, async published =>
            {
                contribution.Approve(published.Id, by.Name, clock.GetUtcNow());
                var key = $"library:contribution:{contribution.Id}:approved";
                await outbox.ToPersonAsync(contribution.ContributorAadObjectId, cards.ContributionApproved(contribution, published.Id, by.Name).ToMessage("Your contribution is in the library"),
                    key, "library.contribution.approved", key, cancellationToken: cancellationToken);
            }), cancellationToken);

        if (fileKey is not null)
        {
            await AddResource.DeleteQuietlyAsync(files, fileKey, logger);
        }

        return (await read.FindAsync(resource.Id, by, cancellationToken))!;
    }

    public async Task<ContributionView> RejectAsync(int id, RejectRequest? request, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        LibraryAccess.EnsureSendLead(by, "reject a contribution");
        var errors = new Dictionary<string, string[]>();
        var reason = TypedText.Text(errors, "reason", request?.Reason, LibraryLimits.ReasonLength, "Say why, so the contributor knows what to change.");
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var contribution = await PendingAsync(id, cancellationToken);
        var fileKey = contribution.FileKey;
        contribution.Reject(reason, by.Name, clock.GetUtcNow());
        var key = $"library:contribution:{contribution.Id}:rejected";
        await outbox.ToPersonAsync(contribution.ContributorAadObjectId, cards.ContributionRejected(contribution, by.Name).ToMessage("Your contribution was not added to the library"),
            key, "library.contribution.rejected", key, cancellationToken: cancellationToken);
        await SaveAsync(cancellationToken);
        if (fileKey is not null)
        {
            await AddResource.DeleteQuietlyAsync(files, fileKey, logger);
        }

        return (await read.FindContributionAsync(id, by, cancellationToken))!;
    }

    private async Task<LibraryContribution> PendingAsync(int id, CancellationToken cancellationToken)
    {
        var contribution = await db.Set<LibraryContribution>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("The contribution");
        if (contribution.State != ContributionState.Pending)
        {
            throw ProblemException.Conflict($"This contribution was already {contribution.State.ToString().ToLowerInvariant()} by {contribution.DecidedByName}.");
        }

        return contribution;
    }

    private async Task<ResourceMetadata> CheckAsync(ResourceMetadataInput? input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var metadata = ResourceMetadata.Check(input, errors);
        if (metadata?.SchoolId is { } school && await directory.FindSchoolAsync(school, cancellationToken) is null)
        {
            errors["school"] = ["That is not a school of this trust."];
        }

        return errors.Count > 0 ? throw ProblemException.Invalid(errors) : metadata!;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("Someone else decided on this contribution at the same moment; reload to see what they did.");
        }
    }
}
