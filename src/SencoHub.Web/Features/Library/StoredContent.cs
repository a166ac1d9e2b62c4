namespace SencoHub.Web.Features.Library;

/// <summary>
/// What a store reports after keeping a file: its key for reading it back, and what it knows of it.
/// </summary>
/// <param name="Key">Opaque to everything but the store that made it.</param>
/// <param name="Version">The store's own version label (SharePoint), if it keeps versions itself.</param>
/// <param name="ItemId">The store's id for the document across versions (a SharePoint drive item), if any.</param>
/// <param name="WebUrl">Where the store shows the file to people who have access (SharePoint), if anywhere.</param>
public sealed record StoredContent(string Key, string FileName, string ContentType, long Length, string Sha256,
    string? Version = null, string? ItemId = null, string? WebUrl = null);
