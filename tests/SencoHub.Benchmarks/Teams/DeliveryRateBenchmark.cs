using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Activities;
using Activity = SencoHub.Teams.Activities.Activity;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Benchmarks.Teams;

/// <summary>
/// 5,000 personal messages through the outbox to a loopback Connector that enforces Teams' limits
/// and answers a share of calls with 429 + Retry-After. Target: ≥ 95 % of the 50/s per-tenant
/// ceiling, with nothing lost and nothing sent twice.
/// </summary>
internal sealed class DeliveryRateBenchmark : IBenchmark
{
    private const int Messages = 5_000;
    private const int Ceiling = 50;
    private const double Target = 0.95;
    private const double ThrottledShare = 0.02;

    public string Name => "delivery";
    public string Description => $"{Messages} personal messages at Teams' {Ceiling}/s limit with {ThrottledShare:P0} answered 429 (target >= {Target:P0} of the ceiling, 0 lost, 0 duplicated)";

    public async Task<bool> RunAsync()
    {
        await using var connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions
        {
            EnforceTeamsLimits = true,
            TenantRequestsPerSecond = Ceiling,
            RandomFailureRate = ThrottledShare,
            RandomRetryAfterSeconds = 1,
        });
        await using var app = new SencoHubApp(environment: "Production")
            .Setting("Logging:LogLevel:Default", "Error")
            .Setting("SencoHub:Bot:RateLimits:PerTenantPerSecond", Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureServicesWith(s => s.Configure<DeliveryOptions>(o => o.Enabled = false))
            .UseRealClock();
        await app.StartAsync();
        await SeedAsync(app, connector);

        // A second host on the same database runs the worker, so seeding is not timed.
        await using var worker = new SencoHubApp(environment: "Production", dataDirectory: app.DataDirectory)
            .Setting("Logging:LogLevel:Default", "Error")
            .Setting("SencoHub:Bot:RateLimits:PerTenantPerSecond", Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Setting("SencoHub:Delivery:Concurrency", Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "32")
            .UseRealClock();
        if (Environment.GetEnvironmentVariable("BENCH_MARGIN") is { } margin)
        {
            // The shipped margin unless BENCH_MARGIN tries another.
            worker.Setting("SencoHub:Bot:RateLimits:WindowMargin", TimeSpan.FromMilliseconds(double.Parse(margin, System.Globalization.CultureInfo.InvariantCulture)).ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        var startup = Stopwatch.StartNew();
        await worker.StartAsync();
        // Timed from the first request Teams sees, so the host's own start-up is not counted.
        while (connector.Requests.Count == 0 && startup.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(5);
        }

        var clock = Stopwatch.StartNew();
        var ninetyFive = 0.0;
        var perSecond = new List<int>();
        var lastCount = 0;
        var lastSecond = 0;
        int done;
        while ((done = await DeliveredAsync(worker)) < Messages && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if ((int)clock.Elapsed.TotalSeconds > lastSecond)
            {
                lastSecond = (int)clock.Elapsed.TotalSeconds;
                var count = connector.Requests.Count;
                perSecond.Add(count - lastCount);
                lastCount = count;
            }

            if (ninetyFive == 0 && done >= Messages * 95 / 100)
            {
                ninetyFive = clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(50);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  95 % delivered after {ninetyFive:0.0} s; requests per second: {string.Join(" ", perSecond)}");
        var delivered = await DeliveredAsync(worker);
        var posts = connector.Requests.Where(r => r.Method == "POST").ToList();
        var throttled = posts.Count(r => r.Status == 429);
        var received = Enumerable.Range(0, Messages).Select(i => connector.Received(ChatOf(i)).Count).ToList();
        var lost = received.Count(c => c == 0);
        var duplicated = received.Where(c => c > 1).Sum(c => c - 1);
        var rate = delivered / elapsed;
        Console.WriteLine($"  delivered {delivered} of {Messages} in {elapsed:0.0} s = {rate:0.0}/s, {Measure.Percent(100 * rate / Ceiling)} of the {Ceiling}/s ceiling");
        Console.WriteLine($"  connector answered 429 to {throttled} of {posts.Count} sends; lost {lost}, duplicated {duplicated}");
        return rate / Ceiling >= Target && lost == 0 && duplicated == 0;
    }

    private static async Task SeedAsync(SencoHubApp app, LoopbackConnector connector)
    {
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SencoHubDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < Messages; i++)
            {
                db.Add(new ConversationRecord
                {
                    ConversationId = ChatOf(i),
                    Kind = ConversationKind.Personal,
                    ServiceUrl = connector.ServiceUrl,
                    TenantId = TeamsClient.TenantId,
                    UserAadObjectId = $"bench-person-{i}",
                    LastSeenAt = DateTimeOffset.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < Messages; i++)
            {
                await outbox.ToPersonAsync($"bench-person-{i}", Activity.CreateMessage($"Guidance for SENCOs #{i}"), $"bench:{i}", "bench");
            }

            await db.SaveChangesAsync();
        });
    }

    private static Task<int> DeliveredAsync(SencoHubApp app) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.State == DeliveryState.Delivered));

    private static string ChatOf(int i) => $"a:bench-{i}";
}
