using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Tests.Library;

public static class LibraryTestKit
{
    /// <summary>Test classes whose uploads spool to the temp folder at the same time as a test that checks it is empty.</summary>
    public const string LibraryUploads = "Library uploads";

    /// <summary>The app with the demo trust but an empty library (SencoHubApp's default; the demo library has tests of its own).</summary>
    public static Task<SencoHubApp> StartAsync(TestProvider provider, params (string Key, string Value)[] settings)
    {
        var app = new SencoHubApp(provider);
        foreach (var (key, value) in settings)
        {
            app.Setting(key, value);
        }

        return app.StartAsync();
    }

    public static ResourceMetadata Described(string title) => new(title, "A summary.", ResourceCategory.Guidance, [ReviewArea.Leadership], [], [], [], null);

    /// <summary>An upload as the tab's form sends it: the file (or a link) and the metadata fields.</summary>
    public static MultipartFormDataContent Form(string? fileName, byte[]? content, string? title = "A resource", string category = "Guidance",
        IReadOnlyList<string>? reviewAreas = null, IReadOnlyList<string>? phases = null, IReadOnlyList<string>? audiences = null,
        int? resourceId = null, string? note = null, string? link = null, string summary = "What it is and who it helps.")
    {
        var form = new MultipartFormDataContent();
        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName!);
        }

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        Add("title", title);
        if (title is not null)
        {
            Add("summary", summary);
            Add("category", category);
        }

        foreach (var area in reviewAreas ?? (title is null ? [] : ["TeachingAndIntervention"]))
        {
            Add("reviewAreas", area);
        }

        foreach (var phase in phases ?? [])
        {
            Add("phases", phase);
        }

        foreach (var audience in audiences ?? [])
        {
            Add("audiences", audience);
        }

        Add("resourceId", resourceId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("note", note);
        Add("link", link);
        return form;
    }

    public static JsonObject Metadata(string title, string category = "Guidance", IReadOnlyList<string>? needAreas = null, string? school = null) => new()
    {
        ["school"] = school,
        ["title"] = title,
        ["summary"] = "What it is and who it helps.",
        ["category"] = category,
        ["reviewAreas"] = new JsonArray("Leadership"),
        ["needAreas"] = new JsonArray([.. (needAreas ?? []).Select(n => (JsonNode)n)]),
    };

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Files in the local file store (under the app's data directory), optionally in one folder.</summary>
    public static IReadOnlyList<string> StoredFiles(SencoHubApp app, string? folder = null)
    {
        var root = Path.Combine(app.DataDirectory, "files", folder ?? string.Empty);
        return System.IO.Directory.Exists(root) ? System.IO.Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>Puts a link resource straight into the library and its index, as publishing does.</summary>
    public static Task<int> AddResourceAsync(SencoHubApp app, ResourceMetadata metadata, string body = "", DateOnly? reviewedOn = null) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SencoHubDb>();
            var now = app.Clock.GetUtcNow();
            var resource = LibraryResource.Publish(metadata, ResourceVersion.ForLink("https://example.org/resource", null, "Test", null, now),
                reviewedOn ?? DateOnly.FromDateTime(now.UtcDateTime), "Test", now);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(resource);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<LibraryIndex>().WriteAsync(resource, body);
            await transaction.CommitAsync();
            return resource.Id;
        });

    /// <summary>Azurite's connection string; fails the test when it is missing and tools are required (CI), skips it otherwise.</summary>
    public static string RequireAzurite()
    {
        if (Azurite.ConnectionString is { } connectionString)
        {
            return connectionString;
        }

        Assert.False(Azurite.ToolsRequired, Azurite.Unavailable);
        Skip.If(true, Azurite.Unavailable);
        return string.Empty;
    }
}
