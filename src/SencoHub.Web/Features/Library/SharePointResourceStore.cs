using System.Globalization;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// The library in a SharePoint document library, through Microsoft Graph (app-only, Sites.Selected).
/// A document is a drive item (its id is the key; SharePoint keeps the versions), its description is
/// mirrored into SencoHub's columns on the list item, and what SEND staff change there directly comes
/// back through the drive's delta feed.
/// </summary>
public sealed partial class SharePointResourceStore(GraphClients graph, SharePointLibrary library, DirectoryService directory, ILogger<SharePointResourceStore> logger) : IResourceStore
{
    /// <summary>Graph's limit for a plain PUT in its older documentation; above it, an upload session.</summary>
    public const long SimpleUploadLimit = 4L * 1024 * 1024;

    /// <summary>Upload session slices must be a multiple of 320 KiB; this is 10 of them.</summary>
    public const int UploadSliceBytes = 10 * 327_680;

    // Taking back what this store saved in this scope: an item it created is deleted; a new version of
    // an existing item is undone by restoring the version that was current before it.
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _versionBefore = new(StringComparer.Ordinal);

    public ResourceStoreKind Kind => ResourceStoreKind.SharePoint;

    public async Task<StoredContent> SaveAsync(ResourceUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var ids = await library.ConnectAsync(cancellationToken);
        if (upload.ItemId is { } existing && await VersionAsync(ids, existing, cancellationToken) is { } before)
        {
            _versionBefore[existing] = before;
        }

        var item = upload.Length < SimpleUploadLimit
            ? await PutAsync(ids, upload, cancellationToken)
            : await UploadInSessionAsync(ids, upload, cancellationToken);
        if (item?.Id is null)
        {
            throw new IOException("SharePoint did not return the uploaded item.");
        }

        if (upload.ItemId is null)
        {
            _created.Add(item.Id);
        }

        var stored = new StoredContent(item.Id, upload.FileName, upload.ContentType, upload.Length, upload.Sha256, null, item.Id, item.WebUrl);
        try
        {
            await WriteFieldsAsync(item.Id, upload.Fields, cancellationToken);
            var version = await VersionAsync(ids, item.Id, cancellationToken);
            return stored with { Version = version };
        }
        catch
        {
            await TakeBackQuietlyAsync(stored);
            throw;
        }
    }

    public async Task<Stream> OpenAsync(string key, string? version, CancellationToken cancellationToken = default)
    {
        var ids = await library.ConnectAsync(cancellationToken);
        var item = graph.Client.Drives[ids.DriveId].Items[key];
        try
        {
            var content = version is null
                ? await item.Content.GetAsync(cancellationToken: cancellationToken)
                : await item.Versions[version].Content.GetAsync(cancellationToken: cancellationToken);
            return content ?? throw new FileNotFoundException("SharePoint returned no content.", key);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 404)
        {
            throw new FileNotFoundException("SharePoint no longer has this document or version.", key, ex);
        }
    }

    public async Task WriteFieldsAsync(string itemId, ResourceFields fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var ids = await library.ConnectAsync(cancellationToken);
        var metadata = fields.Metadata;
        var school = metadata.SchoolId is { } schoolId ? (await directory.FindSchoolAsync(schoolId, cancellationToken))?.Name ?? schoolId : null;
        var values = new Dictionary<string, object?>
        {
            [SharePointColumns.Title] = metadata.Title,
            [SharePointColumns.Summary] = metadata.Summary,
            [SharePointColumns.Category] = metadata.Category.Display(),
            [SharePointColumns.School] = school,
            [SharePointColumns.LastReviewed] = fields.LastReviewedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
        };
        AddChoices(values, SharePointColumns.ReviewAreas, metadata.ReviewAreas.Select(a => a.Display()));
        AddChoices(values, SharePointColumns.NeedAreas, metadata.NeedAreas.Select(a => a.Display()));
        AddChoices(values, SharePointColumns.Phases, metadata.Phases.Select(p => p.Display()));
        AddChoices(values, SharePointColumns.Audiences, metadata.Audiences.Select(a => a.Display()));
        // PATCH /drives/{d}/items/{i}/listItem/fields: the SDK has no builder for it under a drive, so the list's own fields builder is pointed there.
        var url = graph.Client.Drives[ids.DriveId].Items[itemId].ListItem.ToGetRequestInformation().URI + "/fields";
        await new Microsoft.Graph.Sites.Item.Lists.Item.Items.Item.Fields.FieldsRequestBuilder(url.ToString(), graph.Client.RequestAdapter)
            .PatchAsync(new FieldValueSet { AdditionalData = values! }, cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(StoredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var ids = await library.ConnectAsync(cancellationToken);
        var item = graph.Client.Drives[ids.DriveId].Items[content.Key];
        if (_created.Remove(content.Key))
        {
            await item.DeleteAsync(cancellationToken: cancellationToken);
            return;
        }

        // A new version of a document people already use: restore the one before it, rather than lose the document.
        if (_versionBefore.Remove(content.Key, out var before))
        {
            await item.Versions[before].RestoreVersion.PostAsync(cancellationToken: cancellationToken);
        }
        else
        {
            LogNothingToRestore(logger, content.Key, content.Version);
        }
    }

    public async Task<ResourceChangePage> ListChangesAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        var ids = await library.ConnectAsync(cancellationToken);
        var delta = graph.Client.Drives[ids.DriveId].Items["root"].Delta;
        Microsoft.Graph.Drives.Item.Items.Item.Delta.DeltaGetResponse? page;
        try
        {
            page = cursor is null
                ? await delta.GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken)
                : await delta.WithUrl(cursor).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 410)
        {
            // The delta link has expired: enumerate the library from the start, and let the caller reconcile.
            LogResync(logger);
            return new ResourceChangePage([], null, HasMore: true);
        }

        // An item can appear more than once in a feed; the last one wins.
        var latest = new Dictionary<string, DriveItem>(StringComparer.Ordinal);
        foreach (var item in page?.Value ?? [])
        {
            if (item.Id is not null)
            {
                latest.Remove(item.Id);
                latest[item.Id] = item;
            }
        }

        var changes = new List<ResourceChange>();
        foreach (var item in latest.Values)
        {
            if (item.Deleted is not null)
            {
                changes.Add(new ResourceChange(item.Id!, Deleted: true));
            }
            else if (item.File is not null && await ChangeAsync(ids, item, cancellationToken) is { } change)
            {
                changes.Add(change);
            }
        }

        var next = page?.OdataNextLink;
        return new ResourceChangePage(changes, next ?? page?.OdataDeltaLink ?? cursor, HasMore: next is not null);
    }

    private async Task<ResourceChange?> ChangeAsync(SharePointLibraryIds ids, DriveItem item, CancellationToken cancellationToken)
    {
        ListItem? listItem;
        try
        {
            listItem = await graph.Client.Drives[ids.DriveId].Items[item.Id].ListItem.GetAsync(c => c.QueryParameters.Expand = ["fields"], cancellationToken);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == 404)
        {
            return new ResourceChange(item.Id!, Deleted: true); // gone between the feed and now
        }

        var fields = listItem?.Fields?.AdditionalData ?? new Dictionary<string, object>();
        var title = Text(fields, SharePointColumns.Title);
        var input = new ResourceMetadataInput
        {
            // A document added in SharePoint often has no title: its file name stands in.
            Title = string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(item.Name) : title,
            Summary = Text(fields, SharePointColumns.Summary),
            Category = Text(fields, SharePointColumns.Category) is { } category ? SharePointColumns.FromChoice<ResourceCategory>(category, c => c.Display()) : null,
            ReviewAreas = [.. Texts(fields, SharePointColumns.ReviewAreas).Select(t => SharePointColumns.FromChoice<ReviewArea>(t, a => a.Display()))],
            NeedAreas = [.. Texts(fields, SharePointColumns.NeedAreas).Select(t => SharePointColumns.FromChoice<NeedArea>(t, a => a.Display()))],
            Phases = [.. Texts(fields, SharePointColumns.Phases).Select(t => SharePointColumns.FromChoice<SchoolPhase>(t, p => p.Display()))],
            Audiences = [.. Texts(fields, SharePointColumns.Audiences).Select(t => SharePointColumns.FromChoice<Role>(t, r => r.Display()))],
            School = Text(fields, SharePointColumns.School),
            LastReviewedOn = DateTimeOffset.TryParse(Text(fields, SharePointColumns.LastReviewed), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reviewed)
                ? DateOnly.FromDateTime(reviewed.UtcDateTime) : null,
        };
        var content = new StoredContent(item.Id!, item.Name ?? item.Id!, item.File?.MimeType ?? "application/octet-stream", item.Size ?? 0, string.Empty,
            Text(fields, SharePointColumns.Version), item.Id, item.WebUrl);
        return new ResourceChange(item.Id!, Deleted: false, content, input, item.LastModifiedDateTime, item.LastModifiedBy?.User?.DisplayName);
    }

    private async Task<DriveItem?> PutAsync(SharePointLibraryIds ids, ResourceUpload upload, CancellationToken cancellationToken)
    {
        var drive = graph.Client.Drives[ids.DriveId];
        if (upload.ItemId is { } existing)
        {
            return await drive.Items[existing].Content.PutAsync(upload.Content, cancellationToken: cancellationToken);
        }

        // A new document never replaces another of the same name: SharePoint picks a free name.
        var content = drive.Items["root"].ItemWithPath(upload.FileName).Content;
        var url = content.ToPutRequestInformation(upload.Content).URI + "?@microsoft.graph.conflictBehavior=rename";
        return await content.WithUrl(url).PutAsync(upload.Content, cancellationToken: cancellationToken);
    }

    private async Task<DriveItem?> UploadInSessionAsync(SharePointLibraryIds ids, ResourceUpload upload, CancellationToken cancellationToken)
    {
        var drive = graph.Client.Drives[ids.DriveId];
        var body = new CreateUploadSessionPostRequestBody
        {
            Item = new DriveItemUploadableProperties { AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = upload.ItemId is null ? "rename" : "replace" } },
        };
        var session = upload.ItemId is { } existing
            ? await drive.Items[existing].CreateUploadSession.PostAsync(body, cancellationToken: cancellationToken)
            : await drive.Items["root"].ItemWithPath(upload.FileName).CreateUploadSession.PostAsync(body, cancellationToken: cancellationToken);
        var task = new LargeFileUploadTask<DriveItem>(session, upload.Content, UploadSliceBytes, graph.Client.RequestAdapter);
        var result = await task.UploadAsync(cancellationToken: cancellationToken);
        return result.UploadSucceeded ? result.ItemResponse : throw new IOException("SharePoint did not accept the upload session's last slice.");
    }

    private async Task<string?> VersionAsync(SharePointLibraryIds ids, string itemId, CancellationToken cancellationToken)
    {
        var listItem = await graph.Client.Drives[ids.DriveId].Items[itemId].ListItem.GetAsync(
            c => c.QueryParameters.Expand = [$"fields($select={SharePointColumns.Version})"], cancellationToken);
        return listItem?.Fields?.AdditionalData is { } fields ? Text(fields, SharePointColumns.Version) : null;
    }

    private async Task TakeBackQuietlyAsync(StoredContent stored)
    {
        try
        {
            await DeleteAsync(stored, CancellationToken.None);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException)
        {
            LogOrphan(logger, ex, stored.Key);
        }
    }

    private static void AddChoices(Dictionary<string, object?> values, string column, IEnumerable<string> choices)
    {
        // Multi-choice columns take a string collection, which Graph only accepts with its type annotation.
        values[$"{column}@odata.type"] = "Collection(Edm.String)";
        values[column] = choices.Cast<object>().ToList();
    }

    /// <summary>A field's value as text, whatever shape the JSON parser gave it.</summary>
    private static string? Text(IDictionary<string, object> fields, string name) =>
        fields.TryGetValue(name, out var value) ? Scalar(value) : null;

    private static IReadOnlyList<string> Texts(IDictionary<string, object> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value) || value is null)
        {
            return [];
        }

        IEnumerable<object?> items = value switch
        {
            UntypedArray array => array.GetValue(),
            JsonElement { ValueKind: JsonValueKind.Array } element => element.EnumerateArray().Cast<object?>(),
            string or UntypedString => [value],
            IEnumerable<object> list => list,
            _ => [],
        };
        return [.. items.Select(Scalar).OfType<string>().Where(s => s.Length > 0)];
    }

    private static string? Scalar(object? value) => value switch
    {
        null => null,
        string s => s,
        UntypedString s => s.GetValue(),
        UntypedNull => null,
        UntypedNode node => Convert.ToString(node.GetValue(), CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement element => element.GetRawText(),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "SharePoint's delta link has expired (410 Gone); reading the library from the start")]
    private static partial void LogResync(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No earlier SharePoint version of {Key} to restore after a failed publication (version {Version})")]
    private static partial void LogNothingToRestore(ILogger logger, string key, string? version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take back SharePoint item {Key} after a failed save; it is unreferenced")]
    private static partial void LogOrphan(ILogger logger, Exception exception, string key);
}
