using System.Net;
using Microsoft.Data.Sqlite;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Directory;

/// <summary>The built app as an operator runs it: its own process, configuration from the environment.</summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class StartupTests : IDisposable
{
    private const string OtherTrust = """
        { "trust": { "name": "Fenland Schools Partnership" },
          "schools": [ { "id": "fsp-1", "name": "Marsh Lane Primary", "urn": "400001", "phase": "Primary" },
                       { "id": "fsp-2", "name": "Dykeside Academy", "urn": "400002", "phase": "Secondary" } ],
          "people": [ { "aadObjectId": "11111111-aaaa-4bbb-8ccc-000000000001", "name": "Imogen Clarke", "email": "imogen@fsp.example.org",
                        "roles": [ { "role": "SendLead" } ] } ],
          "halfTerms": [ { "academicYear": "2026-27", "halfTerm": "Autumn2", "start": "2026-11-02", "end": "2026-12-18" } ] }
        """;

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("sencohub-startup-").FullName;

    [Fact]
    public async Task BadSeedFile_StopsTheAppWithTheMessage_NoStackTrace_NothingImported()
    {
        var seed = Write("bad.json", OtherTrust.Replace("\"SendLead\"", "\"Caretaker\"", StringComparison.Ordinal));
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["SencoHub__Directory__SeedFile"] = seed,
            ["SencoHub__DataDirectory"] = _folder,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("SencoHub cannot start", app.StandardError);
        Assert.Contains("people[0] (\"11111111-aaaa-4bbb-8ccc-000000000001\").roles[0].role: \"Caretaker\" is not a role", app.StandardError);
        var output = app.StandardOutput + app.StandardError;
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM trust"));
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM schools"));
    }

    [Fact]
    public async Task SameBinary_WithAnotherTrustsFileAndFolder_ServesThatTrust()
    {
        var seed = Write("other.json", OtherTrust);
        var port = AppProcess.FreePort();
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["SencoHub__Directory__SeedFile"] = seed,
            ["SencoHub__DataDirectory"] = _folder,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        await app.WaitForHttpAsync(new Uri(baseUrl, "/health"), TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = baseUrl };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var people = await client.GetStringAsync("/dev/sign-in");
        Assert.Contains("Fenland Schools Partnership", people);
        Assert.Contains("Imogen Clarke", people);
        Assert.DoesNotContain("Northbrook", people);
        Assert.True(File.Exists(Path.Combine(_folder, "sencohub.db")));
        Assert.Contains($"SencoHub is running at http://127.0.0.1:{port}", app.StandardOutput);
    }

    [Fact]
    public async Task ImportDirectoryCommand_ImportsTheFile_AndRefusesABadOneWithTheMessage()
    {
        var good = Write("other.json", OtherTrust);
        var env = new Dictionary<string, string> { ["SencoHub__DataDirectory"] = _folder };

        await using (var import = AppProcess.Start(env, "import-directory", good))
        {
            Assert.Equal(0, await import.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("2 schools added", import.StandardOutput);
        }

        Assert.Equal(2L, await CountAsync("SELECT COUNT(*) FROM schools"));

        var handedOver = Write("handed-over.json", OtherTrust.Replace(
            "\"11111111-aaaa-4bbb-8ccc-000000000001\", \"name\": \"Imogen Clarke\"", "\"11111111-aaaa-4bbb-8ccc-000000000002\", \"name\": \"Omar Reid\"", StringComparison.Ordinal));
        await using (var pruned = AppProcess.Start(env, "import-directory", handedOver, "--remove-absent"))
        {
            Assert.Equal(0, await pruned.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("1 no longer in the file lost their roles", pruned.StandardOutput);
        }

        Assert.Equal(2L, await CountAsync("SELECT COUNT(*) FROM people"));
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM role_assignments"));

        var bad = Write("bad.json", OtherTrust.Replace("400002", "40002", StringComparison.Ordinal));
        await using var refused = AppProcess.Start(env, "import-directory", bad);
        Assert.Equal(1, await refused.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("schools[1] (\"fsp-2\").urn", refused.StandardError);
        Assert.DoesNotContain("   at ", refused.StandardError);
    }

    [Fact]
    public async Task SeedFileInTheFileStore_StopsTheStartUntilItIsThere_ThenImportsIt()
    {
        // How Azure loads the first directory: the deployer puts the file in the app's own storage.
        var env = new Dictionary<string, string>
        {
            ["SencoHub__Directory__SeedFile"] = "store:setup/trust-directory.json",
            ["SencoHub__DataDirectory"] = _folder,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        await using (var early = AppProcess.Start(env))
        {
            Assert.Equal(1, await early.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("'store:setup/trust-directory.json', which does not exist yet", early.StandardError);
            Assert.DoesNotContain("   at ", early.StandardError);
        }

        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM trust"));
        System.IO.Directory.CreateDirectory(Path.Combine(_folder, "files", "setup"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "files", "setup", "trust-directory.json"), OtherTrust);
        var port = AppProcess.FreePort();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        await using var app = AppProcess.Start(env);
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        await app.WaitForHttpAsync(new Uri(baseUrl, "/health"), TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = baseUrl };
        var people = await client.GetStringAsync("/dev/sign-in");
        Assert.Contains("Imogen Clarke", people);
        Assert.DoesNotContain("Northbrook", people);
        Assert.Equal(2L, await CountAsync("SELECT COUNT(*) FROM schools"));
    }

    [Fact]
    public async Task SeedFileInTheFileStore_WithAPathOutsideIt_StopsTheStartNamingTheSetting()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["SencoHub__Directory__SeedFile"] = "store:../secrets.json",
            ["SencoHub__DataDirectory"] = _folder,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("SencoHub:Directory:SeedFile 'store:../secrets.json' is not a file store path", app.StandardError);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "sencohub.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
