using System.Text.RegularExpressions;

namespace SencoHub.Web.Platform.Storage;

/// <summary>
/// Files the app keeps for itself (contributions waiting for approval, the local library): a local
/// folder by default, Azure Blob Storage in Azure. Paths are ours, never a person's file name:
/// lower-case segments of letters, digits, '.', '-' and '_', separated by '/'.
/// </summary>
public interface IFileStore
{
    /// <summary>Streams <paramref name="content"/> into <paramref name="path"/>, replacing any file there; readers never see it half-written.</summary>
    Task<long> WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens the file for reading; <see cref="FileNotFoundException"/> when there is none.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Removes the file if it is there.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}

public static partial class FileStorePaths
{
    public const int MaxLength = 400;

    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length > MaxLength || !ValidPath().IsMatch(path) || path.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a file store path.", nameof(path));
        }

        return path;
    }

    [GeneratedRegex("^[a-z0-9._-]+(/[a-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidPath();
}
