using System.ComponentModel.DataAnnotations;

namespace SencoHub.Web.Features.Library;

public enum ResourceStoreKind
{
    /// <summary>Files in the app's file store (the data directory by default), metadata in the database.</summary>
    Local,

    /// <summary>A SharePoint document library through Microsoft Graph.</summary>
    SharePoint,
}

public sealed class LibraryOptions
{
    public const string SectionName = "SencoHub:Library";

    /// <summary>Where published resources live. Unset: SharePoint when a site is configured, else local.</summary>
    public ResourceStoreKind? Store { get; set; }

    public SharePointLibraryOptions SharePoint { get; set; } = new();

    /// <summary>A resource not reviewed for this many months is flagged as stale.</summary>
    [Range(1, 120)]
    public int StaleAfterMonths { get; set; } = 12;

    /// <summary>Start the bundled demo trust with a ready-made library (never any other trust).</summary>
    public bool SeedDemoLibrary { get; set; } = true;

    public UploadOptions Uploads { get; set; } = new();

    public ResourceStoreKind ResolveStore() =>
        Store ?? (string.IsNullOrWhiteSpace(SharePoint.SiteUrl) ? ResourceStoreKind.Local : ResourceStoreKind.SharePoint);
}

public sealed class SharePointLibraryOptions
{
    /// <summary>The trust's SEND site, e.g. <c>https://contoso.sharepoint.com/sites/SEND</c>.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>The document library's title in that site; unset, the site's default library.</summary>
    public string? LibraryName { get; set; }

    /// <summary>Splits the site address into Graph's <c>{hostname}</c> and <c>/{server-relative-path}</c>.</summary>
    public static bool TryParseSite(string? siteUrl, out string host, out string path)
    {
        host = path = string.Empty;
        if (!Uri.TryCreate(siteUrl?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query)
            || uri.AbsolutePath.Trim('/').Length == 0)
        {
            return false;
        }

        host = uri.Host;
        path = "/" + uri.AbsolutePath.Trim('/');
        return true;
    }
}

public sealed class UploadOptions
{
    /// <summary>Extensions accepted, without the dot. Macro-enabled Office files, executables and archives are refused whatever this says.</summary>
    public List<string> AllowedExtensions { get; set; } = [];

    /// <summary>The largest file accepted, counted as it streams in.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    public static IReadOnlyList<string> DefaultExtensions { get; } = ["docx", "xlsx", "pptx", "pdf", "png", "jpg", "jpeg"];

    /// <summary>The configured list, or the default when none is configured (a bound list adds to, never replaces, a default).</summary>
    public IReadOnlyList<string> EffectiveExtensions =>
        AllowedExtensions.Count == 0 ? DefaultExtensions : [.. AllowedExtensions.Select(e => e.Trim().TrimStart('.').ToLowerInvariant()).Where(e => e.Length > 0).Distinct()];
}
