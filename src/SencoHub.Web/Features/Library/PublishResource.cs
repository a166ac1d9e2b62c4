using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>A file on its way into the library store, already checked. <see cref="OpenAsync"/> gives its content from the start.</summary>
public sealed record FileToPublish(string FileName, string ContentType, long Length, string Sha256, Func<CancellationToken, Task<Stream>> OpenAsync);

/// <param name="ForResource">The resource this is a new version of (tracked, with its versions); null for a new resource.</param>
/// <param name="WithinTransaction">More changes to save in the same transaction (a contribution's approval and its card).</param>
public sealed record Publication(
    ResourceMetadata Metadata,
    FileToPublish? File,
    string? Link,
    string IndexText,
    string? Note,
    DateOnly? LastReviewedOn,
    SignedInPerson By,
    LibraryResource? ForResource = null,
    int? ContributionId = null,
    Func<LibraryResource, Task>? WithinTransaction = null);

/// <summary>
/// Puts content into the library: the file into the store first, then the resource (or its new
/// version) and its search document in one transaction. If anything after the store fails, what the
/// store kept is taken back, so nothing is half-published.
/// </summary>
public sealed partial class PublishResource(SencoHubDb db, IResourceStore store, LibraryIndex index, CalendarService calendar, TimeProvider clock, ILogger<PublishResource> logger)
{
    public async Task<LibraryResource> PublishAsync(Publication publication, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var reviewedOn = publication.LastReviewedOn is { } given && given <= today ? given : today;
        StoredContent? stored = null;
        if (publication.File is { } file)
        {
            await using var content = await file.OpenAsync(cancellationToken);
            stored = await store.SaveAsync(new ResourceUpload(file.FileName, file.ContentType, file.Length, file.Sha256, content,
                new ResourceFields(publication.Metadata, reviewedOn), publication.ForResource?.StoreItemId), cancellationToken);
        }

        try
        {
            var version = stored is not null
                ? ResourceVersion.ForFile(stored, publication.Note, publication.By.Name, publication.By.AadObjectId, now, publication.ContributionId)
                : ResourceVersion.ForLink(publication.Link!, publication.Note, publication.By.Name, publication.By.AadObjectId, now, publication.ContributionId);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var resource = publication.ForResource;
            if (resource is null)
            {
                resource = LibraryResource.Publish(publication.Metadata, version, reviewedOn, publication.By.Name, now);
                db.Add(resource);
            }
            else
            {
                resource.Describe(publication.Metadata, now);
                resource.AddVersion(version, now);
                resource.MarkReviewed(reviewedOn, publication.By.Name, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (publication.WithinTransaction is { } more)
            {
                await more(resource);
                await db.SaveChangesAsync(cancellationToken);
            }

            await index.WriteAsync(resource, publication.IndexText, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return resource;
        }
        catch (Exception ex)
        {
            if (stored is not null)
            {
                await TakeBackAsync(stored);
            }

            if (ex is DbUpdateConcurrencyException)
            {
                throw ProblemException.Conflict("Someone else changed this at the same moment. Nothing was published; reload and try again.");
            }

            throw;
        }
    }

    private async Task TakeBackAsync(StoredContent stored)
    {
        try
        {
            await store.DeleteAsync(stored, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Azure.RequestFailedException or HttpRequestException)
        {
            LogOrphan(logger, ex, stored.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take back stored library content {Key} after a failed publication; it is unreferenced")]
    private static partial void LogOrphan(ILogger logger, Exception exception, string key);
}
