using SencoHub.Web.Platform.Storage;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// The default store, with nothing to configure: each version is one file in the app's file store
/// (a folder in the data directory unless Blob Storage is configured), and the description lives
/// only in the database. Nobody can change it behind SencoHub's back, so it reports no changes.
/// </summary>
public sealed class LocalResourceStore(IFileStore files) : IResourceStore
{
    public const string Folder = "library";

    public ResourceStoreKind Kind => ResourceStoreKind.Local;

    public async Task<StoredContent> SaveAsync(ResourceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var key = $"{Folder}/{Guid.NewGuid():N}";
        await files.WriteAsync(key, upload.Content, upload.ContentType, cancellationToken);
        return new StoredContent(key, upload.FileName, upload.ContentType, upload.Length, upload.Sha256);
    }

    public Task<Stream> OpenAsync(string key, string? version, CancellationToken cancellationToken = default) =>
        files.OpenReadAsync(key, cancellationToken);

    public Task WriteFieldsAsync(string itemId, ResourceFields fields, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DeleteAsync(StoredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return files.DeleteAsync(content.Key, cancellationToken);
    }

    public Task<ResourceChangePage> ListChangesAsync(string? cursor, CancellationToken cancellationToken = default) =>
        Task.FromResult(ResourceChangePage.None(cursor));
}
