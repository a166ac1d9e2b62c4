using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>An item the index left out, and the fields (or "file") that kept it out. Never the offending text itself.</summary>
public sealed record RefusedChange(string ItemId, IReadOnlyList<string> Fields);

/// <summary>What one pass over a store's change feed did.</summary>
public sealed record LibrarySyncReport(int Added, int Updated, int Removed, IReadOnlyList<RefusedChange> Refused, bool ReadFromStart);

/// <summary>
/// Keeps the library (and its search index) in step with what people change in the store directly:
/// each run, on the scheduler's interval, reads the change feed from the cursor kept in the database
/// and applies every change as if it had been typed in SencoHub, so the same checks apply. A change
/// whose description or file holds a pupil identifier (or fails any other check) is not indexed, and
/// is logged; the resource keeps what it had. A pass that reads the whole store (the first, or after
/// the store forgot the cursor) also removes resources the store no longer has.
/// </summary>
public sealed partial class SyncLibraryStore(
    SencoHubDb db, IResourceStore store, LibraryIndex index, UploadInspector inspector, DirectoryService directory, CalendarService calendar,
    IOptions<LibraryOptions> options, TimeProvider clock, ILogger<SyncLibraryStore> logger) : IScheduledJob
{
    private const int MaxPagesPerRun = 1_000;
    private const string StoreName = "SharePoint";

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (store.Kind != ResourceStoreKind.Local)
        {
            await SyncAsync(cancellationToken);
        }
    }

    public async Task<LibrarySyncReport> SyncAsync(CancellationToken cancellationToken = default)
    {
        var kind = store.Kind.ToString();
        var state = await db.Set<LibraryStoreCursor>().FirstOrDefaultAsync(c => c.Store == kind, cancellationToken);
        if (state is null)
        {
            state = LibraryStoreCursor.For(store.Kind);
            db.Add(state);
        }

        var tally = new Tally();
        var startedAt = clock.GetUtcNow();
        var cursor = state.Cursor;
        var fromStart = cursor is null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var complete = false;
        for (var pages = 0; pages < MaxPagesPerRun && !complete; pages++)
        {
            var page = await store.ListChangesAsync(cursor, cancellationToken);
            if (page.Cursor is null)
            {
                // The store forgot where we were: read it all again, and reconcile at the end.
                fromStart = true;
                seen.Clear();
                cursor = null;
                continue;
            }

            foreach (var change in page.Changes)
            {
                await ApplyAsync(change, seen, tally, cancellationToken);
            }

            cursor = page.Cursor;
            complete = !page.HasMore;

            // Mid-way through a full read the cursor is not kept: an interrupted one starts again, so the reconciliation stays whole.
            if (!fromStart && !await MoveAsync(state, cursor, cancellationToken))
            {
                return tally.Report(fromStart);
            }
        }

        if (fromStart && complete)
        {
            await RemoveUnseenAsync(seen, startedAt, tally, cancellationToken);
            await MoveAsync(state, cursor, cancellationToken);
        }

        return tally.Report(fromStart);
    }

    private async Task ApplyAsync(ResourceChange change, HashSet<string> seen, Tally tally, CancellationToken cancellationToken)
    {
        if (change.Deleted)
        {
            await RemoveAsync(change.ItemId, tally, cancellationToken);
            return;
        }

        seen.Add(change.ItemId);
        var errors = new Dictionary<string, string[]>();
        var metadata = ResourceMetadata.Check(change.Fields, errors);
        if (metadata is not null)
        {
            metadata = metadata with { SchoolId = await SchoolAsync(metadata.SchoolId, errors, cancellationToken) };
        }

        if (errors.Count > 0 || change.Content is null)
        {
            Refuse(change.ItemId, errors.Count > 0 ? [.. errors.Keys] : ["file"], tally);
            return;
        }

        var resource = await db.Set<LibraryResource>().Include(r => r.Versions).FirstOrDefaultAsync(r => r.StoreItemId == change.ItemId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var reviewedOn = change.Fields?.LastReviewedOn is { } given && given <= today ? given : resource?.LastReviewedOn ?? today;
        var by = ChangedBy(change.ChangedBy);
        ResourceVersion? version = null;
        string? body = null;
        try
        {
            await using var content = await store.OpenAsync(change.Content.Key, change.Content.Version, cancellationToken);
            await using var spool = await SpooledFile.CopyAsync(content, options.Value.Uploads.MaxBytes, cancellationToken);
            var current = resource?.Versions.FirstOrDefault(v => v.Number == resource.CurrentVersion);
            if (current?.Sha256 != spool.Sha256)
            {
                // New content is a new upload in all but name: the same checks, pupil identifiers in its text included.
                var inspected = await inspector.InspectAsync(change.Content.FileName, spool, cancellationToken);
                body = inspected.IndexText;
                version = ResourceVersion.ForFile(
                    change.Content with { FileName = inspected.FileName, ContentType = inspected.ContentType, Length = spool.Length, Sha256 = spool.Sha256 },
                    null, by, null, now);
            }
        }
        catch (ProblemException refusal)
        {
            Refuse(change.ItemId, refusal.Errors.Count > 0 ? [.. refusal.Errors.Keys] : ["file"], tally);
            return;
        }
        catch (FileNotFoundException)
        {
            return; // deleted since the feed was read; the feed's next page says so
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (resource is null)
        {
            resource = LibraryResource.Publish(metadata!, version!, reviewedOn, by, now);
            db.Add(resource);
            tally.Added++;
        }
        else
        {
            var changed = false;
            if (!SameDescription(resource.Metadata, metadata!))
            {
                resource.Describe(metadata!, now);
                changed = true;
            }

            if (version is not null)
            {
                resource.AddVersion(version, now);
                changed = true;
            }

            if (reviewedOn != resource.LastReviewedOn)
            {
                resource.MarkReviewed(reviewedOn, by, now);
                changed = true;
            }

            if (!changed)
            {
                return; // SencoHub's own writes come back through the feed too
            }

            tally.Updated++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await index.WriteAsync(resource, body, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RemoveAsync(string itemId, Tally tally, CancellationToken cancellationToken)
    {
        var resource = await db.Set<LibraryResource>().FirstOrDefaultAsync(r => r.StoreItemId == itemId, cancellationToken);
        if (resource is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await index.RemoveAsync(resource.Id, cancellationToken);
        db.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        tally.Removed++;
        LogRemoved(logger, resource.Id, itemId);
    }

    /// <summary>After a full read: what the store no longer has goes, except what was published while the read ran.</summary>
    private async Task RemoveUnseenAsync(HashSet<string> seen, DateTimeOffset startedAt, Tally tally, CancellationToken cancellationToken)
    {
        var held = await db.Set<LibraryResource>().Where(r => r.StoreItemId != null).Select(r => new { r.StoreItemId, r.UpdatedAt }).ToListAsync(cancellationToken);
        foreach (var gone in held.Where(r => !seen.Contains(r.StoreItemId!) && r.UpdatedAt < startedAt))
        {
            await RemoveAsync(gone.StoreItemId!, tally, cancellationToken);
        }
    }

    private async Task<bool> MoveAsync(LibraryStoreCursor state, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor is { Length: > LibraryStoreCursor.CursorLength })
        {
            cursor = null; // too long to keep: the next run reads from the start rather than from a cut link
        }

        state.MoveTo(cursor, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex)
        {
            // Another instance read the same feed at the same moment; it carries on, this one stops.
            LogLostRace(logger, ex);
            return false;
        }
    }

    /// <summary>The school column holds a school's name (as SencoHub writes it) or its id.</summary>
    private async Task<string?> SchoolAsync(string? text, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return null;
        }

        var schools = await directory.ListSchoolsAsync(cancellationToken);
        var school = schools.FirstOrDefault(s => string.Equals(s.Id, text, StringComparison.Ordinal))
            ?? schools.FirstOrDefault(s => string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase));
        if (school is null)
        {
            errors["school"] = ["That is not a school of this trust."];
        }

        return school?.Id;
    }

    private void Refuse(string itemId, IReadOnlyList<string> fields, Tally tally)
    {
        tally.Refused.Add(new RefusedChange(itemId, fields));
        LogRefused(logger, StoreName, itemId, string.Join(", ", fields));
    }

    private static string ChangedBy(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || PupilDataGuard.ContainsUpn(trimmed) ? StoreName
            : trimmed.Length <= LibraryLimits.PersonNameLength ? trimmed : trimmed[..LibraryLimits.PersonNameLength];
    }

    private static bool SameDescription(ResourceMetadata a, ResourceMetadata b) =>
        a.Title == b.Title && a.Summary == b.Summary && a.Category == b.Category && a.SchoolId == b.SchoolId
        && LibraryTags.Bits(a.ReviewAreas) == LibraryTags.Bits(b.ReviewAreas) && LibraryTags.Bits(a.NeedAreas) == LibraryTags.Bits(b.NeedAreas)
        && LibraryTags.Bits(a.Phases) == LibraryTags.Bits(b.Phases) && LibraryTags.Bits(a.Audiences) == LibraryTags.Bits(b.Audiences);

    private sealed class Tally
    {
        public int Added { get; set; }
        public int Updated { get; set; }
        public int Removed { get; set; }
        public List<RefusedChange> Refused { get; } = [];

        public LibrarySyncReport Report(bool fromStart) => new(Added, Updated, Removed, Refused, fromStart);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A document changed in {Store} (item {ItemId}) was not indexed: {Fields} did not pass SencoHub's checks (a pupil identifier, or a missing or unknown value); fix it there")]
    private static partial void LogRefused(ILogger logger, string store, string itemId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed library resource {ResourceId}: its document {ItemId} is no longer in the store")]
    private static partial void LogRemoved(ILogger logger, int resourceId, string itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance moved the library's change cursor first; this run stops")]
    private static partial void LogLostRace(ILogger logger, Exception exception);
}
