using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Testing;

public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app, hosted for a test: its own data folder and database (SQLite file or a fresh
/// PostgreSQL database), a fake clock, and the demo trust unless another directory is given.
/// </summary>
public class SencoHubApp : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 Nov 2026, 09:00 in London: a school day in the demo trust's Autumn 2.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];
    private PostgresTestDatabase? _postgres;

    private readonly bool _ownsDataDirectory;
    private readonly bool _ownsPostgres;
    private bool _realClock;
    private bool _kestrel;

    /// <param name="dataDirectory">Another app's data folder, to start a fresh host on the same SQLite database.</param>
    /// <param name="postgres">Another app's PostgreSQL database, to run a second instance against it.</param>
    public SencoHubApp(TestProvider provider = TestProvider.Sqlite, string environment = "Development", string? dataDirectory = null, PostgresTestDatabase? postgres = null)
    {
        Provider = provider;
        Environment = environment;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("sencohub-test-").FullName;
        Setting("SencoHub:DataDirectory", DataDirectory);
        // Writing the demo library's files costs a second or more of CPU per start; only tests that use it turn it on (WithDemoLibrary).
        Setting("SencoHub:Library:SeedDemoLibrary", "false");
        // Scheduled jobs act on "today": a test asks for them (WithScheduler) or plays them itself, so no test depends on the date it runs.
        Setting("SencoHub:Scheduling:Enabled", "false");
        _postgres = postgres;
        _ownsPostgres = postgres is null;
        // Test projects get the app's content root from Mvc.Testing's build targets; console
        // programs (benchmarks) do not, so point at the source folder the same way.
        System.Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SENCOHUB_WEB",
            System.Environment.GetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SENCOHUB_WEB") ?? Path.Combine(Playground.RepoRoot, "src", "SencoHub.Web"));
    }

    public TestProvider Provider { get; }
    public string Environment { get; }
    public string DataDirectory { get; }
    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    public SencoHubApp Setting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Start the demo trust with its demo library, as <c>dotnet run</c> does.</summary>
    public SencoHubApp WithDemoLibrary() => Setting("SencoHub:Library:SeedDemoLibrary", "true");

    /// <summary>Run the scheduled jobs (nudges, reminders, automatic rounds) as a deployed app does; with the fake clock unless <see cref="UseRealClock"/>.</summary>
    public SencoHubApp WithScheduler() => Setting("SencoHub:Scheduling:Enabled", "true");

    /// <summary>Run on the system clock instead of the fake one (long-running delivery, benchmarks).</summary>
    public SencoHubApp UseRealClock()
    {
        _realClock = true;
        return this;
    }

    public SencoHubApp ConfigureServicesWith(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Creates the database (PostgreSQL) and starts the app; call before the first request.</summary>
    public async Task<SencoHubApp> StartAsync()
    {
        if (Provider == TestProvider.Postgres)
        {
            _postgres ??= await PostgresTestDatabase.CreateAsync();
            Setting("SencoHub:Database:Provider", "Postgres");
            Setting("ConnectionStrings:SencoHub", _postgres.ConnectionString);
        }

        StartServer();
        if (_kestrel)
        {
            // Clients go to the real Kestrel address, not the in-memory test server's.
            ClientOptions.BaseAddress = ServerUri;
        }

        return this;
    }

    /// <summary>Serve on real Kestrel at a free loopback port (browsers, playgrounds, benchmarks).</summary>
    public SencoHubApp OnKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        return this;
    }

    /// <summary>The server's own address; with Kestrel a real loopback URL.</summary>
    public Uri ServerUri =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? ClientOptions.BaseAddress.ToString());

    public async Task<HttpClient> ClientForAsync(string aadObjectId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        var response = await client.PostAsJsonAsync("/dev/token", new { aadObjectId });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<SencoHubDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SencoHubDb>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (!_realClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null && _ownsPostgres)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            GC.SuppressFinalize(this);
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }

    private sealed record TokenResponse(string AccessToken);
}
