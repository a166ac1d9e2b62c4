using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Delivery;

/// <summary>
/// Nothing is lost or sent twice when the worker is stopped mid-run and a fresh host takes over the
/// same database, when a crashed instance leaves leases behind, or (PostgreSQL) when two instances
/// share the outbox at once.
/// </summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class CrashSafetyTests
{
    private const int Recipients = 240;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WorkerStoppedMidRun_FreshHostFinishes_EveryMessageDeliveredExactlyOnce(TestProvider provider)
    {
        // The connector holds Teams' per-tenant limit, so the run takes seconds and can be stopped midway.
        await using var connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { EnforceTeamsLimits = true });
        await using var shared = await SharedDatabase.CreateAsync(provider);
        var first = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock();
        await first.StartAsync();
        await SeedAsync(first, connector);

        await Eventually.TrueAsync(() => Total(connector) >= 40, "the first host to deliver some messages");
        await first.DisposeAsync();
        var afterStop = Total(connector);
        Assert.True(afterStop < Recipients, $"the first host finished everything ({afterStop}) before it was stopped");

        await using var second = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock();
        await second.StartAsync();
        try
        {
            await Eventually.TrueAsync(() => Total(connector) >= Recipients, "the fresh host to finish", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            var states = await second.WithDbAsync(db => db.Set<OutboxMessage>().GroupBy(m => m.State).Select(g => g.Key + ":" + g.Count()).ToListAsync());
            throw new TimeoutException($"sent {Total(connector)} of {Recipients}; outbox {string.Join(", ", states)}; stopped after {afterStop}");
        }

        await AssertExactlyOnceAsync(second, connector);
    }

    [Fact]
    public async Task LeasesLeftByACrashedInstance_AreClaimedAgainAfterTheyExpire()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var shared = await SharedDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new SencoHubApp(dataDirectory: shared.Folder).ConfigureServicesWith(s => s.Configure<DeliveryOptions>(o => o.Enabled = false));
        await app.StartAsync();
        await SeedAsync(app, connector, count: 20);
        // A worker that died after claiming: its rows say Sending with a lease that has not run out.
        await app.WithDbAsync(db => db.Set<OutboxMessage>().ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, DeliveryState.Sending)
            .SetProperty(m => m.LeaseOwner, "crashed-instance")
            .SetProperty(m => m.LeaseUntil, app.Clock.GetUtcNow() + new DeliveryOptions().LeaseDuration)));

        await using var survivor = new SencoHubApp(dataDirectory: shared.Folder);
        survivor.Clock.SetUtcNow(app.Clock.GetUtcNow());
        await survivor.StartAsync();
        await Task.Delay(1500);
        Assert.Equal(0, Total(connector));

        // Leases are seconds long (renewed while their worker lives), so a dead instance's claims free up in seconds.
        survivor.Clock.Advance(new DeliveryOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Total(connector) >= 20, "the expired leases to be claimed and sent");
        await AssertExactlyOnceAsync(survivor, connector, 20);
    }

    [SkippableTheory]
    [InlineData(TestProvider.Postgres)]
    public async Task TwoInstancesSharingTheOutbox_NeverSendAMessageTwice(TestProvider provider)
    {
        Skip.IfNot(PostgresTestDatabase.IsAvailable, "SENCOHUB_TEST_POSTGRES is not set");
        await using var connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { EnforceTeamsLimits = true });
        await using var shared = await SharedDatabase.CreateAsync(provider);
        await using var one = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock()
            .ConfigureServicesWith(s => s.Configure<DeliveryOptions>(o => o.BatchSize = 10));
        await one.StartAsync();
        await SeedAsync(one, connector);
        await using var two = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock()
            .ConfigureServicesWith(s => s.Configure<DeliveryOptions>(o => o.BatchSize = 10));
        await two.StartAsync();

        await Eventually.TrueAsync(() => Total(connector) >= Recipients, "both instances to finish", TimeSpan.FromSeconds(60));

        await AssertExactlyOnceAsync(one, connector);
    }

    /// <summary>
    /// Teams answering only after two leases: the sending instance keeps renewing its claims, so
    /// the other instance never takes them over and sends them too (with a lease that is not renewed, it would).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ASendSlowerThanTheLease_IsNotTakenOverByAnotherInstance(TestProvider provider)
    {
        Skip.If(provider == TestProvider.Postgres && !PostgresTestDatabase.IsAvailable, "SENCOHUB_TEST_POSTGRES is not set");
        var lease = new DeliveryOptions().LeaseDuration;
        await using var connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { SendDelay = lease * 2 });
        await using var shared = await SharedDatabase.CreateAsync(provider);
        await using var one = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock();
        await one.StartAsync();
        await using var two = new SencoHubApp(provider, dataDirectory: shared.Folder, postgres: shared.Postgres).UseRealClock();
        await two.StartAsync();
        await SeedAsync(one, connector, count: 10);
        await Eventually.TrueAsync(async () => await one.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.State == DeliveryState.Sending)) == 10,
            "every message to be claimed");

        // Outcomes are recorded two leases after the sends: a claim taken over meanwhile would have sent again by then.
        await AssertExactlyOnceAsync(one, connector, 10);
        Assert.Equal(10, connector.Requests.Count(r => r.Method == "POST"));
    }

    /// <summary>One personal chat per recipient on the connector, and one queued message each.</summary>
    private static async Task SeedAsync(SencoHubApp app, LoopbackConnector connector, int count = Recipients)
    {
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SencoHubDb>();
            for (var i = 0; i < count; i++)
            {
                db.Add(new ConversationRecord
                {
                    ConversationId = ChatOf(i),
                    Kind = ConversationKind.Personal,
                    ServiceUrl = connector.ServiceUrl,
                    TenantId = TeamsClient.TenantId,
                    UserAadObjectId = PersonOf(i),
                    LastSeenAt = app.Clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < count; i++)
            {
                await outbox.ToPersonAsync(PersonOf(i), Activity.CreateMessage($"Guidance {i}"), $"crash-test:{i}", "crash-test");
            }

            await db.SaveChangesAsync();
        });
    }

    private static async Task AssertExactlyOnceAsync(SencoHubApp app, LoopbackConnector connector, int count = Recipients)
    {
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.State == DeliveryState.Delivered)) == count,
            "every outcome to be recorded", TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            var received = connector.Received(ChatOf(i));
            Assert.True(received.Count == 1, $"recipient {i} received {received.Count} messages");
            Assert.Equal($"Guidance {i}", received[0].Activity.Text);
        }

        var states = await app.WithDbAsync(db => db.Set<OutboxMessage>().GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(count, Assert.Single(states, s => s.Key == DeliveryState.Delivered).Count);
        Assert.Single(states);
    }

    /// <summary>A database (and data folder) that outlives the app instances using it.</summary>
    private sealed class SharedDatabase : IAsyncDisposable
    {
        public string Folder { get; } = System.IO.Directory.CreateTempSubdirectory("sencohub-shared-").FullName;
        public PostgresTestDatabase? Postgres { get; private init; }

        public static async Task<SharedDatabase> CreateAsync(TestProvider provider) =>
            new() { Postgres = provider == TestProvider.Postgres ? await PostgresTestDatabase.CreateAsync() : null };

        public async ValueTask DisposeAsync()
        {
            if (Postgres is not null)
            {
                await Postgres.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Folder, recursive: true);
        }
    }

    private static int Total(LoopbackConnector connector) => connector.Requests.Count(r => r.Method == "POST" && r.Status is >= 200 and < 300);

    private static string ChatOf(int i) => $"a:crash-test-{i}";

    private static string PersonOf(int i) => $"crash-person-{i}";
}
