using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Platform.Hosting;

public sealed class SencoHubOptions
{
    public const string SectionName = "SencoHub";

    /// <summary>Where the SQLite database and the local file store live. Relative paths are
    /// resolved against the content root; default <c>App_Data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Public base URL of the app (deep links in cards). Empty = the request's own.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    public string ResolveDataDirectory(string contentRoot)
    {
        var path = Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
