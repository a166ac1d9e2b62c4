namespace SencoHub.Web.Platform.Storage;

/// <summary>
/// Files in a folder on this machine. A write goes to a temporary file beside the target and is
/// moved into place when complete, so a crash or a failed upload never leaves half a file.
/// </summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public async Task<long> WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            long length;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                length = file.Length;
            }

            File.Move(partial, target, overwrite: true);
            return length;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var target = Resolve(path);
        if (!File.Exists(target))
        {
            throw new FileNotFoundException("The file is not in the store.", path);
        }

        return Task.FromResult<Stream>(new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81_920, FileOptions.Asynchronous));
    }

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(Resolve(path)));

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        File.Delete(Resolve(path));
        return Task.CompletedTask;
    }

    private string Resolve(string path) => Path.Combine(Root, FileStorePaths.Check(path).Replace('/', Path.DirectorySeparatorChar));
}
