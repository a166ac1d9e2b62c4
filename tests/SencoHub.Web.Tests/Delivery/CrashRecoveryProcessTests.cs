using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using Xunit.Abstractions;

namespace SencoHub.Web.Tests.Delivery;

/// <summary>
/// The app as an operator runs it, killed with SIGKILL halfway through a 240-person fan-out: a fresh
/// process takes over the dead one's claims within a lease (seconds, not minutes), every message arrives,
/// and the only repeats are sends that were in flight at the kill (README, "Delivery guarantee").
/// </summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class CrashRecoveryProcessTests(ITestOutputHelper output)
{
    private const int Recipients = 240;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task KilledMidFanOut_AFreshProcessFinishesWithinSeconds_NothingLost(TestProvider provider)
    {
        Skip.If(provider == TestProvider.Postgres && !PostgresTestDatabase.IsAvailable, "SENCOHUB_TEST_POSTGRES is not set");
        await using var connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { EnforceTeamsLimits = true });
        var folder = System.IO.Directory.CreateTempSubdirectory("sencohub-kill-").FullName;
        await using var postgres = provider == TestProvider.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        try
        {
            await SeedAsync(provider, folder, postgres, connector);
            var environment = new Dictionary<string, string> { ["SencoHub__DataDirectory"] = folder };
            if (postgres is not null)
            {
                environment["SencoHub__Database__Provider"] = "Postgres";
                environment["ConnectionStrings__SencoHub"] = postgres.ConnectionString;
            }

            var first = await StartAsync(environment);
            await Eventually.TrueAsync(() => Sent(connector) >= 60, "the first process to send some messages", TimeSpan.FromSeconds(60));
            await first.DisposeAsync(); // Process.Kill: SIGKILL, nothing is handed back
            var killed = Stopwatch.StartNew();
            var atKill = Sent(connector);
            Assert.True(atKill < Recipients, $"the first process finished ({atKill}) before it was killed");

            await using var second = await StartAsync(environment);
            var started = killed.Elapsed;
            await Eventually.TrueAsync(() => Delivered(connector).Count >= Recipients, "the fresh process to finish", TimeSpan.FromSeconds(90));
            var recovered = killed.Elapsed;

            var duplicates = Delivered(connector).Values.Count(n => n > 1);
            var inDoubt = CountLines(second.StandardOutput + second.StandardError, "when its worker stopped; sending it again");
            output.WriteLine($"{provider}: killed after {atKill} of {Recipients} sends; fresh process answering after {started.TotalSeconds:F1} s; "
                + $"every message delivered {recovered.TotalSeconds:F1} s after the kill (lease {new DeliveryOptions().LeaseDuration.TotalSeconds:F0} s); "
                + $"{duplicates} duplicated, {inDoubt} resent as in doubt");

            Assert.Equal(Recipients, Delivered(connector).Count);
            Assert.True(recovered < TimeSpan.FromSeconds(30), $"recovery took {recovered.TotalSeconds:F1} s");
            // Only a send that was under way at the kill may repeat, and each one is logged as such.
            Assert.True(duplicates <= inDoubt, $"{duplicates} duplicates but only {inDoubt} sends were in doubt");
            Assert.True(inDoubt <= new DeliveryOptions().Concurrency, $"{inDoubt} in doubt: more than one per sending slot");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AppProcess> StartAsync(Dictionary<string, string> environment)
    {
        var port = AppProcess.FreePort();
        var process = AppProcess.Start(new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        await process.WaitForHttpAsync(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(90));
        return process;
    }

    /// <summary>The database as the process will find it: 240 personal chats on the connector, one message queued for each.</summary>
    private static async Task SeedAsync(TestProvider provider, string folder, PostgresTestDatabase? postgres, LoopbackConnector connector)
    {
        // On the machine's clock like the processes that send them: messages queued at the fake "now" could lie in their future.
        await using var app = new SencoHubApp(provider, dataDirectory: folder, postgres: postgres).UseRealClock()
            .ConfigureServicesWith(s => s.Configure<DeliveryOptions>(o => o.Enabled = false));
        await app.StartAsync();
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SencoHubDb>();
            for (var i = 0; i < Recipients; i++)
            {
                db.Add(new ConversationRecord
                {
                    ConversationId = ChatOf(i),
                    Kind = ConversationKind.Personal,
                    ServiceUrl = connector.ServiceUrl,
                    TenantId = TeamsClient.TenantId,
                    UserAadObjectId = $"kill-person-{i}",
                    LastSeenAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < Recipients; i++)
            {
                await outbox.ToPersonAsync($"kill-person-{i}", Activity.CreateMessage($"Guidance {i}"), $"kill-test:{i}", "kill-test");
            }

            await db.SaveChangesAsync();
        });
    }

    private static int Sent(LoopbackConnector connector) => connector.Requests.Count(r => r.Method == "POST" && r.Status is >= 200 and < 300);

    /// <summary>Messages that arrived, by recipient, counting repeats.</summary>
    private static Dictionary<int, int> Delivered(LoopbackConnector connector)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < Recipients; i++)
        {
            var received = connector.Received(ChatOf(i)).Count(a => a.Activity.Text == $"Guidance {i}");
            if (received > 0)
            {
                counts[i] = received;
            }
        }

        return counts;
    }

    private static int CountLines(string text, string containing) =>
        text.Split('\n').Count(line => line.Contains(containing, StringComparison.Ordinal));

    private static string ChatOf(int i) => $"a:kill-test-{i}";
}
