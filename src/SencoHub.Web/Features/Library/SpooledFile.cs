using System.Buffers;
using System.Security.Cryptography;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// An upload copied to a temporary file as it arrives, counted against the size cap on the way
/// (never held in memory whole) and hashed. The file is deleted when this is disposed, whatever
/// happened, so a refused upload leaves nothing behind.
/// </summary>
public sealed class SpooledFile : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private SpooledFile(FileStream stream, long length, string sha256)
    {
        Stream = stream;
        Length = length;
        Sha256 = sha256;
    }

    /// <summary>The content, seekable; callers rewind it before reading.</summary>
    public FileStream Stream { get; }
    public long Length { get; }
    public string Sha256 { get; }

    public static async Task<SpooledFile> CopyAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = Path.Combine(Path.GetTempPath(), $"sencohub-upload-{Guid.NewGuid():N}.tmp");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw ProblemException.TooLarge($"The file is larger than {Describe(maxBytes)}, the most SencoHub accepts. Make it smaller (for example, compress its pictures) and upload it again.");
                }

                hash.AppendData(buffer, 0, read);
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (length == 0)
            {
                throw ProblemException.Invalid("file", "The file is empty.");
            }

            await spool.FlushAsync(cancellationToken);
            spool.Position = 0;
            return new SpooledFile(spool, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Describe(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    /// <summary>A fresh read from the start (the spool stays open for the next reader).</summary>
    public Stream OpenRead()
    {
        Stream.Position = 0;
        return new NonClosingStream(Stream);
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <summary>Lets libraries that dispose what they read (Open XML SDK, PdfPig) read the spool without closing it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
