using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;

namespace SencoHub.Web.Tests.Library;

public sealed class DemoLibraryTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheDemoTrust_StartsWithADozenRealResources_AllThereFromTheFirstRequest(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).WithDemoLibrary().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var all = (await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?take=100"))!;
        Assert.Equal(12, (int)all["total"]!);
        Assert.Equal(2, (int)all["facets"]!["stale"]!);
        Assert.Equal(["docx", "pdf", "xlsx"], all["items"]!.AsArray().Select(i => Path.GetExtension((string)i!["file"]!["name"]!).TrimStart('.')).Distinct().Order());
        Assert.Contains("EHC needs assessment request checklist", (await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?q=assessments"))!["items"]!.AsArray().Select(i => (string)i!["title"]!));
        Assert.Contains("Provision map template", (await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?q=nurture%20boxall"))!["items"]!.AsArray().Select(i => (string)i!["title"]!));

        // Each file is real: it passes the same checks as an upload, and its text is what search indexed.
        var inspector = new UploadInspector(Options.Create(new LibraryOptions()));
        foreach (var item in all["items"]!.AsArray())
        {
            var bytes = await lead.GetByteArrayAsync((string)item!["contentUrl"]!);
            await using var spool = await SpooledFile.CopyAsync(new MemoryStream(bytes), 50L * 1024 * 1024, CancellationToken.None);
            var inspected = await inspector.InspectAsync((string)item["file"]!["name"]!, spool);
            Assert.Contains((string)item["title"]!, inspected.IndexText, StringComparison.Ordinal);
        }

        // Audiences hold: staff do not see the SEND policy template, meant for leaders and SENCOs.
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        var forStaff = (await staff.GetFromJsonAsync<JsonObject>("/api/library/resources?take=100"))!;
        Assert.DoesNotContain("SEND policy template", forStaff["items"]!.AsArray().Select(i => (string)i!["title"]!));
        Assert.True((int)forStaff["total"]! < 12);
    }

    [Fact]
    public async Task ASecondStart_DoesNotWriteItAgain()
    {
        string folder;
        await using (var first = await new SencoHubApp().WithDemoLibrary().StartAsync())
        {
            folder = first.DataDirectory;
            using var lead = await first.ClientForAsync(DemoTrust.SendLead.AadObjectId);
            Assert.Equal(12, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/library/resources"))!["total"]!);
        }

        await using var second = await new SencoHubApp(dataDirectory: folder).WithDemoLibrary().StartAsync();
        using var again = await second.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        Assert.Equal(12, (int)(await again.GetFromJsonAsync<JsonObject>("/api/library/resources"))!["total"]!);
        Assert.Equal(12, LibraryTestKit.StoredFiles(second).Count);
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnotherTrust_StartsWithAnEmptyLibrary(TestProvider provider)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("another-trust-").FullName;
        var file = Path.Combine(folder, "directory.json");
        await File.WriteAllTextAsync(file, DemoTrust.Json.Replace("Northbrook Learning Trust", "Another Trust", StringComparison.Ordinal));
        await using var app = await new SencoHubApp(provider).WithDemoLibrary().Setting("SencoHub:Directory:SeedFile", file).StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        Assert.Equal(0, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/library/resources"))!["total"]!);
        Assert.Empty(LibraryTestKit.StoredFiles(app));
        System.IO.Directory.Delete(folder, recursive: true);
    }
}
