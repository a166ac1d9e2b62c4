using System.Net;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Bot;

/// <summary>
/// A bot app id without a way to get the bot's own token would start healthy and fail every
/// press: outside Development the app refuses to start instead, naming what to set.
/// </summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class BotCredentialsStartupTests : IDisposable
{
    private const string AppId = "6a1f0e2d-3c4b-4a59-8e7d-0f1e2d3c4b5a";

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("sencohub-credentials-").FullName;

    [Fact]
    public async Task AppIdWithoutSecretOrManagedIdentity_InProduction_RefusesToStart_NamingTheSettings()
    {
        await using var app = AppProcess.Start(Production(new() { ["SencoHub__Bot__Authentication__AppId"] = AppId }));

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exitCode);
        Assert.Contains("SencoHub cannot start", app.StandardError);
        Assert.Contains("SencoHub:Bot:Authentication:AppId", app.StandardError);
        Assert.Contains("SencoHub:Bot:Credentials:ManagedIdentityClientId", app.StandardError);
        Assert.Contains("SencoHub:Bot:Credentials:ClientSecret", app.StandardError);
        Assert.DoesNotContain("   at ", app.StandardError + app.StandardOutput);
    }

    [Theory]
    [InlineData("SencoHub__Bot__Credentials__ManagedIdentityClientId")]
    [InlineData("SencoHub__Bot__Credentials__ClientSecret")]
    public async Task AppIdWithACredential_InProduction_Starts(string credential)
    {
        var port = AppProcess.FreePort();
        await using var app = AppProcess.Start(Production(new()
        {
            ["SencoHub__Bot__Authentication__AppId"] = AppId,
            [credential] = "configured-" + Guid.NewGuid().ToString("N"),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        }));

        var health = new Uri($"http://127.0.0.1:{port}/health");
        await app.WaitForHttpAsync(health, TimeSpan.FromSeconds(120));

        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(health)).StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Production(Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["SencoHub__DataDirectory"] = _folder;
        settings.TryAdd("ASPNETCORE_URLS", "http://127.0.0.1:0");
        return settings;
    }
}
