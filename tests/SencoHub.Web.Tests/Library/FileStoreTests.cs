using System.Text;
using Azure.Storage.Blobs;
using SencoHub.Testing;
using SencoHub.Web.Platform.Storage;

namespace SencoHub.Web.Tests.Library;

/// <summary>The same contract for both file stores: the local folder, and Blob Storage on a real Azurite.</summary>
public sealed class FileStoreTests
{
    public static TheoryData<string> Stores => ["local", "blob"];

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task Write_Read_Replace_Delete(string kind)
    {
        await using var store = await StoreAsync(kind);
        const string path = "contributions/abc123";
        Assert.False(await store.Files.ExistsAsync(path));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.Files.OpenReadAsync(path));

        var bytes = Encoding.UTF8.GetBytes(new string('x', 300_000));
        Assert.Equal(bytes.Length, await store.Files.WriteAsync(path, new MemoryStream(bytes), "application/pdf"));
        Assert.True(await store.Files.ExistsAsync(path));
        Assert.Equal(bytes, await ReadAllAsync(store.Files, path));

        await store.Files.WriteAsync(path, new MemoryStream("second"u8.ToArray()), "text/plain");
        Assert.Equal("second"u8.ToArray(), await ReadAllAsync(store.Files, path));

        await store.Files.DeleteAsync(path);
        await store.Files.DeleteAsync(path);
        Assert.False(await store.Files.ExistsAsync(path));
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task AWriteThatFails_LeavesNothingBehind(string kind)
    {
        await using var store = await StoreAsync(kind);
        await store.Files.WriteAsync("library/kept", new MemoryStream("old"u8.ToArray()), "text/plain");

        await Assert.ThrowsAsync<IOException>(() => store.Files.WriteAsync("library/kept", new FailingStream(200_000), "text/plain"));
        await Assert.ThrowsAsync<IOException>(() => store.Files.WriteAsync("library/new", new FailingStream(200_000), "text/plain"));

        Assert.Equal("old"u8.ToArray(), await ReadAllAsync(store.Files, "library/kept"));
        Assert.False(await store.Files.ExistsAsync("library/new"));
        if (store.Files is LocalFileStore local)
        {
            Assert.Equal(["kept"], System.IO.Directory.GetFiles(Path.Combine(local.Root, "library")).Select(Path.GetFileName));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task PathsThatCouldEscape_AreRefused(string kind)
    {
        await using var store = await StoreAsync(kind);
        foreach (var path in new[] { "../x", "a/../../x", "/etc/passwd", "a//b", "Upper", "a\\b", "a/./b", "", new string('a', 401) })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => store.Files.WriteAsync(path, new MemoryStream([1]), "text/plain"));
        }
    }

    private static async Task<byte[]> ReadAllAsync(IFileStore files, string path)
    {
        await using var stream = await files.OpenReadAsync(path);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<TestFileStore> StoreAsync(string kind)
    {
        if (kind == "local")
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("sencohub-files-").FullName;
            return new TestFileStore(new LocalFileStore(folder), () =>
            {
                System.IO.Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });
        }

        var connectionString = LibraryTestKit.RequireAzurite();
        var container = new BlobContainerClient(connectionString, Azurite.NewContainerName());
        return await Task.FromResult(new TestFileStore(new BlobFileStore(container), () => container.DeleteIfExistsAsync()));
    }

    private sealed class TestFileStore(IFileStore files, Func<Task> cleanUp) : IAsyncDisposable
    {
        public IFileStore Files { get; } = files;

        public async ValueTask DisposeAsync() => await cleanUp();
    }

    /// <summary>Gives some bytes, then fails as a dropped upload would.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _given;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _given;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= bytesBeforeFailure)
            {
                throw new IOException("The connection was reset.");
            }

            var n = Math.Min(count, bytesBeforeFailure - _given);
            Array.Fill(buffer, (byte)'y', offset, n);
            _given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
