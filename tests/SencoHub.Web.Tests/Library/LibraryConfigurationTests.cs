using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Storage;

namespace SencoHub.Web.Tests.Library;

public sealed class LibraryConfigurationTests
{
    [Fact]
    public async Task NothingConfigured_TheLocalStoreAndALocalFolder()
    {
        await using var app = await new SencoHubApp().StartAsync();
        await app.WithScopeAsync(sp =>
        {
            Assert.IsType<LocalResourceStore>(sp.GetRequiredService<IResourceStore>());
            Assert.IsType<LocalFileStore>(sp.GetRequiredService<IFileStore>());
            return Task.CompletedTask;
        });

        // Nobody changes the local store behind SencoHub's back: the sync job has nothing to read or keep.
        await app.WithScopeAsync(sp => sp.GetRequiredService<SyncLibraryStore>().RunAsync(app.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<LibraryStoreCursor>().CountAsync()));
    }

    [Theory]
    [InlineData("SencoHub:Library:SharePoint:SiteUrl", "https://contoso.sharepoint.com/sites/SEND", "needs Microsoft Graph")]
    [InlineData("SencoHub:Library:Uploads:AllowedExtensions:0", "txt", "AllowedExtensions")]
    [InlineData("SencoHub:Storage:BlobServiceUri", "not a url", "BlobServiceUri")]
    public async Task AStoreOrTypeThisAppCannotServe_StopsTheStart(string key, string value, string named)
    {
        // The app's own entry point reports the refusal and exits (OptionsValidationTests runs it as a process); here the same check is asked directly.
        await using var app = await new SencoHubApp().Setting(key, value).StartAsync();
        var refusal = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASharePointSite_WithGraphEnabled_TheSharePointStore()
    {
        await using var sharePoint = await LoopbackSharePoint.StartAsync();
        var app = new SencoHubApp();
        sharePoint.Configure(app);
        await using var started = await app.StartAsync();

        started.Services.GetRequiredService<IStartupValidator>().Validate();
        await started.WithScopeAsync(sp =>
        {
            Assert.IsType<SharePointResourceStore>(sp.GetRequiredService<IResourceStore>());
            return Task.CompletedTask;
        });
    }

    [Theory]
    [InlineData("http://contoso.sharepoint.com/sites/SEND")]
    [InlineData("https://contoso.sharepoint.com")]
    [InlineData("not a url")]
    public async Task ASharePointSiteThatIsNotASiteAddress_StopsTheStart(string siteUrl)
    {
        await using var sharePoint = await LoopbackSharePoint.StartAsync();
        var app = new SencoHubApp();
        sharePoint.Configure(app);
        await using var started = await app.Setting("SencoHub:Library:SharePoint:SiteUrl", siteUrl).StartAsync();

        var refusal = Assert.Throws<OptionsValidationException>(() => started.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("SharePoint:SiteUrl must be the SEND site's https address", refusal.Message, StringComparison.Ordinal);
    }
}
