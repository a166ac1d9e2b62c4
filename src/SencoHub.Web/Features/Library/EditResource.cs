using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// The SEND lead's changes to a published resource's description and review date. The search
/// document changes in the same transaction; a store with fields of its own (SharePoint) gets them after.
/// </summary>
public sealed class EditResource(SencoHubDb db, LibraryIndex index, IResourceStore store, ReadLibrary read, DirectoryService directory, CalendarService calendar, TimeProvider clock)
{
    public async Task<ResourceDetailView> DescribeAsync(int id, ResourceMetadataInput? input, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        LibraryAccess.EnsureSendLead(by, "edit a resource");
        var errors = new Dictionary<string, string[]>();
        var metadata = ResourceMetadata.Check(input, errors);
        if (metadata?.SchoolId is { } school && await directory.FindSchoolAsync(school, cancellationToken) is null)
        {
            errors["school"] = ["That is not a school of this trust."];
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var resource = await LoadAsync(id, cancellationToken);
        resource.Describe(metadata!, clock.GetUtcNow());
        await SaveAsync(resource, reindex: true, cancellationToken);
        return (await read.FindAsync(id, by, cancellationToken))!;
    }

    /// <summary>"Mark reviewed": the SEND lead has checked it is still current, today.</summary>
    public async Task<ResourceDetailView> MarkReviewedAsync(int id, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        LibraryAccess.EnsureSendLead(by, "mark a resource reviewed");
        var resource = await LoadAsync(id, cancellationToken);
        resource.MarkReviewed(calendar.Today(), by.Name, clock.GetUtcNow());
        await SaveAsync(resource, reindex: false, cancellationToken);
        return (await read.FindAsync(id, by, cancellationToken))!;
    }

    private async Task<LibraryResource> LoadAsync(int id, CancellationToken cancellationToken) =>
        await db.Set<LibraryResource>().Include(r => r.Versions).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("The resource");

    private async Task SaveAsync(LibraryResource resource, bool reindex, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (reindex)
            {
                await index.WriteAsync(resource, body: null, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("Someone else changed this resource at the same moment; reload and try again.");
        }

        if (resource.StoreItemId is { } itemId)
        {
            await store.WriteFieldsAsync(itemId, new ResourceFields(resource.Metadata, resource.LastReviewedOn), cancellationToken);
        }
    }
}
