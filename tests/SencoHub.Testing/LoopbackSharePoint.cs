using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SencoHub.Web.Platform.Graph;

namespace SencoHub.Testing;

/// <summary>
/// A SharePoint document library behind Microsoft Graph, on loopback: site by path, drives, the
/// library's list and columns, plain PUT and upload-session uploads, content (302 to a download URL,
/// as Graph does), versions, list-item fields, deletion and the drive's delta feed, answering with
/// the payloads graph-endpoints.md §2 and teams-next.md §7 describe. Requests of the wrong shape get
/// Graph's 400 and are recorded in <see cref="Problems"/>. Tests also act as people working in
/// SharePoint directly (<see cref="AddDocument"/>, <see cref="EditFields"/>, ...), throttle a request
/// once (429 + Retry-After) and expire delta links (410 Gone).
/// </summary>
public sealed partial class LoopbackSharePoint : IAsyncDisposable
{
    public const string Token = "sharepoint-test-token";
    public const string Host = "contoso.sharepoint.com";
    public const string SitePath = "/sites/SEND";
    public const string LibraryName = "SEND Resources";
    public const string SiteId = "contoso.sharepoint.com,8b1c6f2e-4d3a-4b8e-9c2d-1e0f9a8b7c6d,2f4e6a8c-1b3d-4f5a-8e7c-9d0b1a2c3e4f";
    public const string DriveId = "b!LoopbackSendResourcesDrive000000000000000000000000000001";
    public const string OtherDriveId = "b!LoopbackSharedDocumentsDrive00000000000000000000000000002";
    public const string ListId = "5c9a1e3b-7d2f-4a6c-8e1b-3f5d7a9c0e2b";
    public const string RootId = "01ROOTLOOPBACK000000000000000000000";

    private static readonly string[] BuiltInColumns = ["Title", "FileLeafRef", "Modified", "Created", "Author", "Editor", "_UIVersionString"];

    private readonly WebApplication _server;
    private readonly object _gate = new();
    private readonly Dictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, string ItemId)> _changes = [];
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private long _sequence;
    private long _epoch;
    private int _nextId;
    private (string PathPart, int RetryAfterSeconds)? _throttle;

    private LoopbackSharePoint(WebApplication server) => _server = server;

    public Uri BaseUri { get; private set; } = null!;

    public string SiteUrl => $"https://{Host}{SitePath}";

    /// <summary>How many changes one delta page holds, so a feed spans several pages.</summary>
    public int DeltaPageSize { get; set; } = 2;

    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>Field writes are refused with 403 (a site granted <c>read</c> only), after the upload succeeded.</summary>
    public bool RefuseFieldWrites { get; set; }

    /// <summary>Every request as "METHOD path?query", in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The throttled request and its retry, with when each arrived.</summary>
    public List<(string Request, int Status, DateTimeOffset At)> Throttled { get; } = [];

    /// <summary>Slices received by upload sessions: (bytes, whether it carried an Authorization header).</summary>
    public List<(long Length, bool HadAuthorization)> Slices { get; } = [];

    public IReadOnlyCollection<string> ColumnNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _columns.Keys];
            }
        }
    }

    public JsonObject Column(string name)
    {
        lock (_gate)
        {
            return (JsonObject)_columns[name].DeepClone();
        }
    }

    public static async Task<LoopbackSharePoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackSharePoint(app);
        foreach (var name in BuiltInColumns)
        {
            graph._columns[name] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["name"] = name, ["displayName"] = name, ["readOnly"] = name != "Title" };
        }

        app.Run(graph.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUri = new Uri(address.TrimEnd('/') + "/v1.0");
        return graph;
    }

    /// <summary>Points the app's Graph at this server, with a fixed token, and its library at this site.</summary>
    public void Configure(SencoHubApp app, string? libraryName = LibraryName)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Setting("SencoHub:Graph:Enabled", "true")
            .Setting("SencoHub:Graph:BaseUrl", BaseUri.ToString())
            .Setting("SencoHub:Graph:ManagedIdentityClientId", "11111111-2222-3333-4444-555555555555")
            .Setting("SencoHub:Library:SharePoint:SiteUrl", SiteUrl)
            .Setting("SencoHub:Library:SharePoint:LibraryName", libraryName)
            .ConfigureServicesWith(services => services.AddKeyedSingleton<TokenCredential>(GraphSetup.CredentialKey, new FixedCredential()));
    }

    /// <summary>The next request whose path contains <paramref name="pathPart"/> gets 429 with Retry-After.</summary>
    public void ThrottleOnce(string pathPart, int retryAfterSeconds = 1)
    {
        lock (_gate)
        {
            _throttle = (pathPart, retryAfterSeconds);
        }
    }

    /// <summary>Every delta link handed out so far answers 410 Gone (as after a long pause or a restore).</summary>
    public void ExpireDeltaLinks()
    {
        lock (_gate)
        {
            _epoch++;
        }
    }

    public IReadOnlyList<string> DocumentIds()
    {
        lock (_gate)
        {
            return [.. _documents.Values.Where(d => !d.Deleted).Select(d => d.Id)];
        }
    }

    public string? FindByName(string name)
    {
        lock (_gate)
        {
            return _documents.Values.FirstOrDefault(d => !d.Deleted && d.Name == name)?.Id;
        }
    }

    public JsonObject Fields(string itemId)
    {
        lock (_gate)
        {
            return FieldsJson(_documents[itemId]);
        }
    }

    public byte[] Content(string itemId)
    {
        lock (_gate)
        {
            return _documents[itemId].Versions[^1].Content;
        }
    }

    public IReadOnlyList<string> VersionLabels(string itemId)
    {
        lock (_gate)
        {
            return [.. _documents[itemId].Versions.Select(v => v.Label)];
        }
    }

    public bool Exists(string itemId)
    {
        lock (_gate)
        {
            return _documents.TryGetValue(itemId, out var document) && !document.Deleted;
        }
    }

    /// <summary>Someone uploads a document in SharePoint and fills in its columns.</summary>
    public string AddDocument(string name, byte[] content, JsonObject? fields = null, string by = "Sam Carter")
    {
        lock (_gate)
        {
            var document = Create(name, content, by);
            if (fields is not null)
            {
                Apply(document, fields, by);
            }

            return document.Id;
        }
    }

    public void EditFields(string itemId, JsonObject fields, string by = "Sam Carter")
    {
        lock (_gate)
        {
            Apply(_documents[itemId], fields, by);
        }
    }

    public void ReplaceContent(string itemId, byte[] content, string by = "Sam Carter")
    {
        lock (_gate)
        {
            NewVersion(_documents[itemId], content, by);
        }
    }

    public void DeleteDocument(string itemId)
    {
        lock (_gate)
        {
            Delete(_documents[itemId]);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var pathOnly = raw.Split('?')[0];
        var path = Uri.UnescapeDataString(pathOnly);
        var query = request.Query;
        _requests.Enqueue($"{request.Method} {path}{request.QueryString}");

        if (path.StartsWith("/upload/", StringComparison.Ordinal))
        {
            await UploadSliceAsync(context, path["/upload/".Length..]);
            return;
        }

        if (path.StartsWith("/download/", StringComparison.Ordinal))
        {
            await DownloadAsync(context, path["/download/".Length..]);
            return;
        }

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "itemNotFound", "No such endpoint.");
            return;
        }

        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            _problems.Enqueue($"no bearer token on {request.Method} {path}: '{request.Headers.Authorization}'");
            await ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }

        lock (_gate)
        {
            if (_throttle is { } throttle && path.Contains(throttle.PathPart, StringComparison.Ordinal))
            {
                _throttle = null;
                Throttled.Add(($"{request.Method} {path}", 429, DateTimeOffset.UtcNow));
                context.Response.Headers.RetryAfter = throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                context.Items["throttled"] = true;
            }
            else if (Throttled.Count == 1 && path.Contains(Throttled[0].Request.Split(' ')[1], StringComparison.Ordinal))
            {
                Throttled.Add(($"{request.Method} {path}", 200, DateTimeOffset.UtcNow));
            }
        }

        if (context.Items.ContainsKey("throttled"))
        {
            await ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
            return;
        }

        var local = path["/v1.0".Length..];
        try
        {
            await RouteAsync(context, request.Method, local, query);
        }
        catch (BadShape ex)
        {
            _problems.Enqueue($"{request.Method} {local}: {ex.Message}");
            await ErrorAsync(context, 400, "invalidRequest", ex.Message);
        }
    }

    private async Task RouteAsync(HttpContext context, string method, string path, IQueryCollection query)
    {
        Match m;
        if (method == "GET" && (m = SiteByPath().Match(path)).Success)
        {
            if (m.Groups[1].Value == Host && string.Equals(m.Groups[2].Value, SitePath, StringComparison.OrdinalIgnoreCase))
            {
                await JsonAsync(context, 200, new JsonObject
                {
                    ["id"] = SiteId, ["name"] = "SEND", ["displayName"] = "SEND", ["webUrl"] = SiteUrl,
                    ["siteCollection"] = new JsonObject { ["hostname"] = Host },
                });
            }
            else
            {
                await ErrorAsync(context, 404, "itemNotFound", "Requested site could not be found");
            }

            return;
        }

        if (method == "GET" && path == $"/sites/{SiteId}/drives")
        {
            await JsonAsync(context, 200, new JsonObject { ["value"] = new JsonArray(DriveJson(OtherDriveId, "Documents"), DriveJson(DriveId, LibraryName)) });
            return;
        }

        if (method == "GET" && path == $"/sites/{SiteId}/drive")
        {
            await JsonAsync(context, 200, DriveJson(OtherDriveId, "Documents"));
            return;
        }

        if (method == "GET" && path == $"/drives/{DriveId}/list")
        {
            await JsonAsync(context, 200, new JsonObject
            {
                ["id"] = ListId, ["name"] = "SEND Resources", ["displayName"] = LibraryName, ["webUrl"] = $"{SiteUrl}/SEND%20Resources",
                ["list"] = new JsonObject { ["template"] = "documentLibrary", ["hidden"] = false, ["contentTypesEnabled"] = false },
            });
            return;
        }

        if (path == $"/sites/{SiteId}/lists/{ListId}/columns")
        {
            if (method == "GET")
            {
                JsonArray columns;
                lock (_gate)
                {
                    columns = new JsonArray([.. _columns.Values.Select(c => (JsonNode)c.DeepClone())]);
                }

                await JsonAsync(context, 200, new JsonObject { ["value"] = columns });
            }
            else if (method == "POST")
            {
                var column = await BodyAsync(context);
                CheckColumn(column);
                column["id"] = Guid.NewGuid().ToString();
                lock (_gate)
                {
                    if (_columns.ContainsKey((string)column["name"]!))
                    {
                        throw new BadShape($"a column named {column["name"]} already exists");
                    }

                    _columns[(string)column["name"]!] = column;
                }

                await JsonAsync(context, 201, column);
            }

            return;
        }

        if (!path.StartsWith($"/drives/{DriveId}/", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "itemNotFound", "The resource could not be found.");
            return;
        }

        var inDrive = path[$"/drives/{DriveId}".Length..];
        if (method == "GET" && (inDrive is "/root/delta" or "/items/root/delta()" or "/items/root/delta"))
        {
            await DeltaAsync(context, query["token"].ToString());
            return;
        }

        if ((m = NewByPath().Match(inDrive)).Success)
        {
            var name = m.Groups[1].Value;
            if (method == "PUT" && m.Groups[2].Value == "content")
            {
                if (query["@microsoft.graph.conflictBehavior"] != "rename")
                {
                    throw new BadShape("a new document is put with @microsoft.graph.conflictBehavior=rename, so it never replaces another");
                }

                var bytes = await ReadAllAsync(context);
                JsonObject item;
                lock (_gate)
                {
                    item = ItemJson(Create(FreeName(name), bytes, "SencoHub"));
                }

                await JsonAsync(context, 201, item);
                return;
            }

            if (method == "POST" && m.Groups[2].Value == "createUploadSession")
            {
                await CreateSessionAsync(context, name, null);
                return;
            }
        }

        if ((m = ItemPath().Match(inDrive)).Success)
        {
            var id = m.Groups[1].Value;
            var rest = m.Groups[2].Value;
            Document? document;
            lock (_gate)
            {
                document = _documents.GetValueOrDefault(id) is { Deleted: false } found ? found : null;
            }

            if (document is null)
            {
                await ErrorAsync(context, 404, "itemNotFound", "The resource could not be found.");
                return;
            }

            await ItemAsync(context, method, document, rest, query);
            return;
        }

        throw new BadShape($"no such endpoint: {method} {path}");
    }

    private async Task ItemAsync(HttpContext context, string method, Document document, string rest, IQueryCollection query)
    {
        Match m;
        switch (method, rest)
        {
            case ("DELETE", ""):
                lock (_gate)
                {
                    Delete(document);
                }

                context.Response.StatusCode = 204;
                return;
            case ("GET", ""):
                await JsonAsync(context, 200, Locked(() => ItemJson(document)));
                return;
            case ("PUT", "/content"):
                var bytes = await ReadAllAsync(context);
                await JsonAsync(context, 200, Locked(() =>
                {
                    NewVersion(document, bytes, "SencoHub");
                    return ItemJson(document);
                }));
                return;
            case ("GET", "/content"):
                Redirect(context, $"{document.Id}/{Locked(() => document.Versions[^1].Label)}");
                return;
            case ("POST", "/createUploadSession"):
                await CreateSessionAsync(context, null, document);
                return;
            case ("GET", "/versions"):
                await JsonAsync(context, 200, Locked(() => new JsonObject
                {
                    ["value"] = new JsonArray([.. document.Versions.AsEnumerable().Reverse().Select(v => (JsonNode)new JsonObject
                    {
                        ["id"] = v.Label, ["lastModifiedDateTime"] = v.At.ToString("O", CultureInfo.InvariantCulture), ["size"] = v.Content.Length,
                        ["lastModifiedBy"] = new JsonObject { ["user"] = new JsonObject { ["displayName"] = v.By } },
                    })]),
                }));
                return;
            case ("GET", "/listItem"):
                if (query["$expand"].ToString() is not ("fields" or "fields($select=_UIVersionString)"))
                {
                    throw new BadShape("a list item is read with $expand=fields (or fields($select=...))");
                }

                await JsonAsync(context, 200, Locked(() => new JsonObject
                {
                    ["id"] = document.ListItemId.ToString(CultureInfo.InvariantCulture), ["eTag"] = $"\"{document.Id},{document.Versions.Count}\"",
                    ["webUrl"] = document.WebUrl, ["fields"] = FieldsJson(document),
                }));
                return;
            case ("PATCH", "/listItem/fields"):
                if (RefuseFieldWrites)
                {
                    await ErrorAsync(context, 403, "accessDenied", "Access denied. You do not have permission to perform this action or access this resource.");
                    return;
                }

                var fields = await BodyAsync(context);
                await JsonAsync(context, 200, Locked(() =>
                {
                    CheckFields(fields);
                    Apply(document, fields, "SencoHub");
                    return FieldsJson(document);
                }));
                return;
        }

        if ((m = VersionPath().Match(rest)).Success)
        {
            var label = m.Groups[1].Value;
            var version = Locked(() => document.Versions.FirstOrDefault(v => v.Label == label));
            if (version is null)
            {
                await ErrorAsync(context, 404, "itemNotFound", "The version could not be found.");
            }
            else if (method == "GET" && m.Groups[2].Value == "/content")
            {
                Redirect(context, $"{document.Id}/{label}");
            }
            else if (method == "POST" && m.Groups[2].Value == "/restoreVersion")
            {
                lock (_gate)
                {
                    NewVersion(document, version.Content, "SencoHub");
                }

                context.Response.StatusCode = 204;
            }
            else
            {
                throw new BadShape($"no such endpoint: {method} versions/{label}{m.Groups[2].Value}");
            }

            return;
        }

        throw new BadShape($"no such endpoint: {method} items/{document.Id}{rest}");
    }

    private async Task DeltaAsync(HttpContext context, string token)
    {
        var status = 200;
        JsonObject page;
        lock (_gate)
        {
            // Tokens: "d.{epoch}.{since}" (a delta link: changes after since) or "n.{epoch}.{since}.{upTo}.{skip}" (a next link within one snapshot).
            long since = -1, upTo = _sequence; // since -1: the whole library
            var skip = 0;
            var parts = token.Length > 0 ? token.Split('.') : [];
            if (parts.Length > 0 && long.Parse(parts[1], CultureInfo.InvariantCulture) != _epoch)
            {
                status = 410;
                context.Response.Headers.Location = $"{BaseUri}/drives/{DriveId}/root/delta";
                page = new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["code"] = "resyncChangesApplyDifferences",
                        ["message"] = "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd.",
                    },
                };
            }
            else
            {
                if (parts.Length > 0)
                {
                    since = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    if (parts[0] == "n")
                    {
                        upTo = long.Parse(parts[3], CultureInfo.InvariantCulture);
                        skip = int.Parse(parts[4], CultureInfo.InvariantCulture);
                    }
                }

                List<JsonObject> items;
                if (since < 0)
                {
                    items = [RootJson(), .. _documents.Values.Where(d => !d.Deleted && d.Sequence <= upTo).OrderBy(d => d.Sequence).Select(ItemJson)];
                }
                else
                {
                    var changed = _changes.Where(c => c.Sequence > since && c.Sequence <= upTo).Select(c => c.ItemId).Reverse().Distinct().Reverse().ToList();
                    items = [.. changed.Select(id => _documents[id]).Select(d => d.Deleted ? DeletedJson(d) : ItemJson(d))];
                }

                page = new JsonObject
                {
                    ["@odata.context"] = $"{BaseUri}/$metadata#Collection(driveItem)",
                    ["value"] = new JsonArray([.. items.Skip(skip).Take(DeltaPageSize)]),
                };
                if (skip + DeltaPageSize < items.Count)
                {
                    page["@odata.nextLink"] = $"{BaseUri}/drives/{DriveId}/root/delta?token=n.{_epoch}.{since}.{upTo}.{skip + DeltaPageSize}";
                }
                else
                {
                    page["@odata.deltaLink"] = $"{BaseUri}/drives/{DriveId}/root/delta?token=d.{_epoch}.{upTo}";
                }
            }
        }

        await JsonAsync(context, status, page);
    }

    private async Task CreateSessionAsync(HttpContext context, string? name, Document? existing)
    {
        var body = await BodyAsync(context);
        var behaviour = (string?)body["item"]?["@microsoft.graph.conflictBehavior"];
        if (behaviour != (existing is null ? "rename" : "replace"))
        {
            throw new BadShape("createUploadSession body is { item: { @microsoft.graph.conflictBehavior: rename (new) | replace (version) } }");
        }

        var id = Guid.NewGuid().ToString("N");
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        lock (_gate)
        {
            _sessions[id] = new UploadSession(name, existing?.Id, new MemoryStream());
        }

        // The upload URL is on another host, as SharePoint's is, so the SDK must not send Graph's token there.
        var port = BaseUri.Port;
        await JsonAsync(context, 200, new JsonObject
        {
            ["@odata.context"] = $"{BaseUri}/$metadata#microsoft.graph.uploadSession",
            ["uploadUrl"] = $"http://localhost:{port}/upload/{id}",
            ["expirationDateTime"] = expires.ToString("O", CultureInfo.InvariantCulture),
            ["nextExpectedRanges"] = new JsonArray("0-"),
        });
    }

    private async Task UploadSliceAsync(HttpContext context, string sessionId)
    {
        var request = context.Request;
        UploadSession? session;
        lock (_gate)
        {
            session = _sessions.GetValueOrDefault(sessionId);
        }

        if (session is null || request.Method != "PUT")
        {
            await ErrorAsync(context, 404, "itemNotFound", "The upload session was not found.");
            return;
        }

        var range = ContentRange().Match(request.Headers.ContentRange.ToString());
        var bytes = await ReadAllAsync(context);
        lock (_gate)
        {
            Slices.Add((bytes.Length, request.Headers.ContainsKey("Authorization")));
        }

        if (!range.Success || request.ContentLength != bytes.Length)
        {
            _problems.Enqueue($"slice without Content-Range/Content-Length: '{request.Headers.ContentRange}'");
            await ErrorAsync(context, 400, "invalidRequest", "Content-Range and Content-Length are required.");
            return;
        }

        var start = long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
        var total = long.Parse(range.Groups[3].Value, CultureInfo.InvariantCulture);
        var last = end + 1 == total;
        if (start != session.Buffer.Length || end - start + 1 != bytes.Length || (!last && bytes.Length % 327_680 != 0) || bytes.Length > 60 * 1024 * 1024)
        {
            _problems.Enqueue($"slice out of order or not a multiple of 320 KiB: {start}-{end}/{total} ({bytes.Length} bytes)");
            await ErrorAsync(context, 416, "invalidRange", "The uploaded fragment is out of order or badly sized.");
            return;
        }

        session.Buffer.Write(bytes);
        if (!last)
        {
            await JsonAsync(context, 202, new JsonObject
            {
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
                ["nextExpectedRanges"] = new JsonArray($"{end + 1}-"),
            });
            return;
        }

        JsonObject item;
        lock (_gate)
        {
            _sessions.Remove(sessionId);
            if (session.ExistingId is { } existing)
            {
                NewVersion(_documents[existing], session.Buffer.ToArray(), "SencoHub");
                item = ItemJson(_documents[existing]);
            }
            else
            {
                item = ItemJson(Create(FreeName(session.Name!), session.Buffer.ToArray(), "SencoHub"));
            }
        }

        await JsonAsync(context, session.ExistingId is null ? 201 : 200, item);
    }

    private async Task DownloadAsync(HttpContext context, string idAndLabel)
    {
        var parts = idAndLabel.Split('/');
        var content = Locked(() => _documents.GetValueOrDefault(parts[0])?.Versions.FirstOrDefault(v => v.Label == parts[1])?.Content);
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            _problems.Enqueue("the pre-authenticated download URL was sent a token");
        }

        if (content is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content);
    }

    private void Redirect(HttpContext context, string idAndLabel)
    {
        // Graph answers a content request with 302 to a short-lived, pre-authenticated URL on another host.
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = $"http://localhost:{BaseUri.Port}/download/{idAndLabel}";
    }

    private Document Create(string name, byte[] content, string by)
    {
        var document = new Document($"01LOOPBACK{++_nextId:D6}", _nextId) { Name = name };
        _documents[document.Id] = document;
        NewVersion(document, content, by);
        return document;
    }

    private void NewVersion(Document document, byte[] content, string by)
    {
        document.Versions.Add(new VersionEntry($"{document.Versions.Count + 1}.0", content, DateTimeOffset.UtcNow, by));
        document.ModifiedBy = by;
        Changed(document);
    }

    private void Apply(Document document, JsonObject fields, string by)
    {
        foreach (var (key, value) in fields)
        {
            if (!key.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                document.Fields[key] = value?.DeepClone();
            }
        }

        // Changing columns makes a new version of the item, with the same content.
        document.Versions.Add(new VersionEntry($"{document.Versions.Count + 1}.0", document.Versions[^1].Content, DateTimeOffset.UtcNow, by));
        document.ModifiedBy = by;
        Changed(document);
    }

    private void Delete(Document document)
    {
        document.Deleted = true;
        Changed(document);
    }

    private void Changed(Document document)
    {
        document.Sequence = ++_sequence;
        _changes.Add((document.Sequence, document.Id));
    }

    private string FreeName(string name)
    {
        var taken = _documents.Values.Where(d => !d.Deleted).Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = name;
        for (var n = 1; taken.Contains(candidate); n++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)} {n}{Path.GetExtension(name)}";
        }

        return candidate;
    }

    private void CheckColumn(JsonObject column)
    {
        if ((string?)column["name"] is not { Length: > 0 } name || name.Contains(' ', StringComparison.Ordinal))
        {
            throw new BadShape("a column needs a name without spaces (its internal name)");
        }

        var kinds = new[] { "choice", "text", "dateTime" }.Where(k => column[k] is JsonObject).ToList();
        if (kinds.Count != 1)
        {
            throw new BadShape($"column {name} must have exactly one of choice, text or dateTime");
        }

        if (column["choice"] is JsonObject choice && (choice["choices"] is not JsonArray { Count: > 0 } || (string?)choice["displayAs"] is not ("checkBoxes" or "dropDownMenu" or "radioButtons")))
        {
            throw new BadShape($"choice column {name} needs choices and displayAs checkBoxes | dropDownMenu | radioButtons");
        }

        if (column["dateTime"] is JsonObject date && (string?)date["format"] is not ("dateOnly" or "dateTime"))
        {
            throw new BadShape($"dateTime column {name} needs format dateOnly | dateTime");
        }
    }

    private void CheckFields(JsonObject fields)
    {
        foreach (var (key, value) in fields)
        {
            if (key.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                continue;
            }

            if (!_columns.TryGetValue(key, out var column) || (bool?)column["readOnly"] == true)
            {
                throw new BadShape($"field {key} is not a writable column of the list");
            }

            if (column["choice"] is JsonObject choice)
            {
                var allowed = choice["choices"]!.AsArray().Select(c => (string)c!).ToHashSet(StringComparer.Ordinal);
                var multiple = (string?)choice["displayAs"] == "checkBoxes";
                if (multiple && (value is not JsonArray || (string?)fields[$"{key}@odata.type"] != "Collection(Edm.String)"))
                {
                    throw new BadShape($"multi-choice {key} must be an array annotated {key}@odata.type: Collection(Edm.String)");
                }

                var values = value is JsonArray array ? array.Select(v => (string?)v) : [(string?)value];
                if (values.Any(v => v is null || !allowed.Contains(v)))
                {
                    throw new BadShape($"{key} holds a value that is not one of its choices");
                }
            }
            else if (column["dateTime"] is not null && value is not null && !DateTimeOffset.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new BadShape($"{key} must be an ISO date");
            }
        }
    }

    private JsonObject ItemJson(Document d) => new()
    {
        ["@odata.type"] = "#microsoft.graph.driveItem",
        ["id"] = d.Id,
        ["name"] = d.Name,
        ["eTag"] = $"\"{{{d.Id}}},{d.Versions.Count}\"",
        ["cTag"] = $"\"c:{{{d.Id}}},{d.Versions[^1].Content.Length}\"",
        ["size"] = d.Versions[^1].Content.Length,
        ["createdDateTime"] = d.Versions[0].At.ToString("O", CultureInfo.InvariantCulture),
        ["lastModifiedDateTime"] = d.Versions[^1].At.ToString("O", CultureInfo.InvariantCulture),
        ["webUrl"] = d.WebUrl,
        ["lastModifiedBy"] = new JsonObject { ["user"] = new JsonObject { ["displayName"] = d.ModifiedBy } },
        ["parentReference"] = new JsonObject { ["driveId"] = DriveId, ["driveType"] = "documentLibrary", ["id"] = RootId, ["siteId"] = SiteId },
        ["file"] = new JsonObject { ["mimeType"] = MimeType(d.Name), ["hashes"] = new JsonObject { ["quickXorHash"] = Convert.ToBase64String(BitConverter.GetBytes(d.Versions[^1].Content.Length)) } },
    };

    private static JsonObject DeletedJson(Document d) => new()
    {
        ["@odata.type"] = "#microsoft.graph.driveItem",
        ["id"] = d.Id,
        ["parentReference"] = new JsonObject { ["driveId"] = DriveId, ["driveType"] = "documentLibrary", ["id"] = RootId },
        ["deleted"] = new JsonObject { ["state"] = "deleted" },
    };

    private static JsonObject RootJson() => new()
    {
        ["@odata.type"] = "#microsoft.graph.driveItem",
        ["id"] = RootId,
        ["name"] = "root",
        ["root"] = new JsonObject(),
        ["folder"] = new JsonObject { ["childCount"] = 0 },
        ["parentReference"] = new JsonObject { ["driveId"] = DriveId, ["driveType"] = "documentLibrary" },
    };

    private static JsonObject DriveJson(string id, string name) => new()
    {
        ["id"] = id, ["name"] = name, ["driveType"] = "documentLibrary", ["webUrl"] = $"https://{Host}{SitePath}/{Uri.EscapeDataString(name)}",
    };

    private static JsonObject FieldsJson(Document d)
    {
        var fields = new JsonObject
        {
            ["@odata.etag"] = $"\"{d.Id},{d.Versions.Count}\"",
            ["id"] = d.ListItemId.ToString(CultureInfo.InvariantCulture),
            ["FileLeafRef"] = d.Name,
            ["_UIVersionString"] = d.Versions[^1].Label,
            ["Modified"] = d.Versions[^1].At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in d.Fields)
        {
            if (value is not null)
            {
                fields[key] = value.DeepClone();
            }
        }

        return fields;
    }

    private static string MimeType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private T Locked<T>(Func<T> work)
    {
        lock (_gate)
        {
            return work();
        }
    }

    private static async Task<JsonObject> BodyAsync(HttpContext context) =>
        await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body) ?? throw new BadShape("a JSON body is required");

    private static async Task<byte[]> ReadAllAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task JsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    [GeneratedRegex(@"^/sites/([^/:,]+):(/[^:]+?):?$")]
    private static partial Regex SiteByPath();

    [GeneratedRegex(@"^/items/root:/([^/:]+):/(content|createUploadSession)$")]
    private static partial Regex NewByPath();

    [GeneratedRegex(@"^/items/([^/:]+)(/.*)?$")]
    private static partial Regex ItemPath();

    [GeneratedRegex(@"^/versions/([^/]+)(/content|/restoreVersion)?$")]
    private static partial Regex VersionPath();

    [GeneratedRegex(@"^bytes (\d+)-(\d+)/(\d+)$")]
    private static partial Regex ContentRange();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private sealed class Document(string id, int listItemId)
    {
        public string Id { get; } = id;
        public int ListItemId { get; } = listItemId;
        public string Name { get; set; } = string.Empty;
        public string ModifiedBy { get; set; } = string.Empty;
        public bool Deleted { get; set; }
        public long Sequence { get; set; }
        public List<VersionEntry> Versions { get; } = [];
        public Dictionary<string, JsonNode?> Fields { get; } = new(StringComparer.Ordinal);
        public string WebUrl => $"https://{Host}{SitePath}/SEND%20Resources/{Uri.EscapeDataString(Name)}";
    }

    private sealed record VersionEntry(string Label, byte[] Content, DateTimeOffset At, string By);

    private sealed record UploadSession(string? Name, string? ExistingId, MemoryStream Buffer);

    private sealed class BadShape(string message) : Exception(message);

    /// <summary>Entra is not on loopback: the token Graph requests carry, through the credential seam GraphSetup offers.</summary>
    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
