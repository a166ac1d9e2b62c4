using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SencoHub.Web.Platform.Storage;

/// <summary>
/// Files in one Azure Blob Storage container. A block blob is committed only when the upload
/// completes, so readers never see half a file. The container is created on first use.
/// </summary>
public sealed class BlobFileStore(BlobContainerClient container) : IFileStore
{
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _exists;

    public BlobContainerClient Container { get; } = container;

    public async Task<long> WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(cancellationToken);
        var counting = new CountingStream(content);
        await Blob(path).UploadAsync(counting, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return counting.BytesRead;
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Blob(path).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException("The file is not in the store.", path, ex);
        }
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Blob(path).ExistsAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await Blob(path).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing to delete.
        }
    }

    private BlobClient Blob(string path) => Container.GetBlobClient(FileStorePaths.Check(path));

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (!_exists)
            {
                await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }

    /// <summary>Counts what the SDK reads, so the length is known without a second request or a seekable source.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
