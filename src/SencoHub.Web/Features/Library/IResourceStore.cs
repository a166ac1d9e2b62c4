namespace SencoHub.Web.Features.Library;

/// <summary>
/// Where published resources live: the local store (files in the app's file store, metadata in the
/// database; the default) or a SharePoint document library. The database always holds the
/// description, versions and search index, so every other part of the library works the same on
/// either; a store only keeps content, mirrors the description where it has columns of its own,
/// and reports what people changed in it directly.
/// </summary>
public interface IResourceStore
{
    ResourceStoreKind Kind { get; }

    /// <summary>
    /// Keeps a file that has already passed every upload check. With <see cref="ResourceUpload.ItemId"/> it
    /// is a new version of that document (a store that keeps versions itself adds one); without, a new document.
    /// </summary>
    Task<StoredContent> SaveAsync(ResourceUpload upload, CancellationToken cancellationToken = default);

    /// <summary>Opens a version's content for reading; <see cref="FileNotFoundException"/> when the store no longer has it.</summary>
    Task<Stream> OpenAsync(string key, string? version, CancellationToken cancellationToken = default);

    /// <summary>Mirrors the description into the store's own fields, where it has any (SharePoint columns); the local store has none.</summary>
    Task WriteFieldsAsync(string itemId, ResourceFields fields, CancellationToken cancellationToken = default);

    /// <summary>Takes back content saved by <see cref="SaveAsync"/> when what followed failed, so nothing is left half-stored.</summary>
    Task DeleteAsync(StoredContent content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes people made in the store directly since <paramref name="cursor"/> (null: from the
    /// start), a page at a time, for the index; the local store has none. A page with a null
    /// <see cref="ResourceChangePage.Cursor"/> after a non-null one means the store has forgotten the
    /// cursor (SharePoint's 410 Gone): start again from the start and reconcile.
    /// </summary>
    Task<ResourceChangePage> ListChangesAsync(string? cursor, CancellationToken cancellationToken = default);
}

/// <summary>A checked upload on its way into a store. <see cref="Content"/> is seekable and at its start.</summary>
public sealed record ResourceUpload(string FileName, string ContentType, long Length, string Sha256, Stream Content, ResourceFields Fields, string? ItemId = null);

/// <summary>The description a store mirrors: everything searchable about a resource except its content.</summary>
public sealed record ResourceFields(ResourceMetadata Metadata, DateOnly LastReviewedOn);

/// <param name="Cursor">Pass back to continue; a store's delta link or similar.</param>
/// <param name="HasMore">More changes are ready now (another page); false when caught up.</param>
public sealed record ResourceChangePage(IReadOnlyList<ResourceChange> Changes, string? Cursor, bool HasMore)
{
    public static ResourceChangePage None(string? cursor) => new([], cursor, false);
}

/// <summary>
/// One document added, changed or removed in the store directly. <see cref="Fields"/> holds the
/// store's column values as text (names as in <see cref="ResourceMetadataInput"/>), to be checked
/// like anything a person types. <see cref="StoredContent.Sha256"/> is empty: only the content itself tells.
/// </summary>
/// <param name="ChangedBy">The name the store gives the person who changed it, if any.</param>
public sealed record ResourceChange(string ItemId, bool Deleted, StoredContent? Content = null, ResourceMetadataInput? Fields = null, DateTimeOffset? ChangedAt = null,
    string? ChangedBy = null);
