using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Tests.Library;

public static class LibraryTestKit
{
    /// <summary>The app with the demo trust but an empty library (the demo library has tests of its own).</summary>
    public static Task<SencoHubApp> StartAsync(TestProvider provider) =>
        new SencoHubApp(provider).Setting("SencoHub:Library:SeedDemoLibrary", "false").StartAsync();

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
