using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SencoHub.Teams.Activities;
using Activity = SencoHub.Teams.Activities.Activity;
using SencoHub.Teams.Testing;
using SencoHub.Testing;

namespace SencoHub.Benchmarks.Teams;

/// <summary>
/// An Action.Execute press (<c>adaptiveCard/action</c> invoke) against the real app on Kestrel —
/// authentication mode, routing, the sender's directory lookup, building and returning the card —
/// against a bare ASP.NET Core endpoint returning a card of the same size. Target: ≤ 3× at p50 and p99
/// under 50 and 200 concurrent users.
/// </summary>
internal sealed class InvokeRoundTripBenchmark : IBenchmark
{
    private const double Target = 3.0;
    private const int Blocks = 4;

    public string Name => "invoke";
    public string Description => "adaptiveCard/action round trip at 50 and 200 concurrent users vs a bare endpoint (target <= 3x)";

    public async Task<bool> RunAsync()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var app = new SencoHubApp(environment: "Production")
            .Setting("SencoHub:Bot:AllowUnauthenticated", "true")
            .Setting("SencoHub:Bot:AllowLoopbackHttpServiceUrl", "true")
            .Setting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Warning")
            .Setting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Warning")
            .OnKestrel();
        await app.StartAsync();
        var appUri = new Uri(app.ServerUri, "api/messages");
        var body = InvokeBody(connector.ServiceUrl);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var card = await SendAsync(http, appUri, body);
        await using var bare = await BareEndpoint.StartAsync(card);

        // Tiered JIT recompiles hot methods on a background thread; the app has far more of them than
        // the bare endpoint, so run both until that settles rather than measure the compiler.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            await RunLoadAsync(http, appUri, body, 50, 10);
            await RunLoadAsync(http, bare.Uri, body, 50, 10);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var met = true;
        foreach (var (users, perUser) in Environment.GetEnvironmentVariable("BENCH_PROFILE") is null ? new[] { (1, 400), (50, 200), (200, 60) } : new[] { (50, 400) })
        {
            // Open this many connections to both servers before measuring.
            await RunLoadAsync(http, appUri, body, users, 20);
            await RunLoadAsync(http, bare.Uri, body, users, 20);

            // Alternate short blocks so a stray pause (a GC, a timer) is as likely to land on either side.
            var ours = new Sample();
            var baseline = new Sample();
            for (var block = 0; block < Blocks; block++)
            {
                await ours.AddAsync(() => RunLoadAsync(http, appUri, body, users, perUser / Blocks), users * perUser / Blocks);
                await baseline.AddAsync(() => RunLoadAsync(http, bare.Uri, body, users, perUser / Blocks), users * perUser / Blocks);
            }

            var (a50, a99) = ours.Percentiles();
            var (b50, b99) = baseline.Percentiles();
            Console.WriteLine($"  {users,3} user{(users == 1 ? " " : "s")} x {perUser} presses{(users == 1 ? " (reference)" : string.Empty)}: app p50 {Measure.Ms(a50)}, p99 {Measure.Ms(a99)} | bare p50 {Measure.Ms(b50)}, p99 {Measure.Ms(b99)} | ratio p50 {Measure.Ratio(a50 / b50)}, p99 {Measure.Ratio(a99 / b99)}");
            Console.WriteLine($"      allocated per press (client and server together): app {ours.KilobytesPerPress:0.0} KB, bare {baseline.KilobytesPerPress:0.0} KB; gen0 collections app {ours.Collections}, bare {baseline.Collections}");
            // The target is for load (50 and 200 users); one user alone is printed for reference.
            met &= users == 1 || (a50 / b50 <= Target && a99 / b99 <= Target);
        }

        Console.WriteLine($"  card returned: {Encoding.UTF8.GetByteCount(card)} bytes");
        return met;
    }

    private static string InvokeBody(string serviceUrl)
    {
        var lead = DemoTrust.SendLead;
        return new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = InvokeNames.AdaptiveCardAction,
            Id = "bench",
            ChannelId = "msteams",
            ServiceUrl = serviceUrl,
            From = TeamsClient.From(lead),
            Recipient = new ChannelAccount { Id = TeamsClient.BotId },
            Conversation = new ConversationAccount { Id = TeamsClient.PersonalChatOf(lead), ConversationType = "personal", TenantId = TeamsClient.TenantId },
            ReplyToId = "card-1",
            Value = System.Text.Json.JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "bot.commands", data = new { } }, trigger = "manual" }),
        }.ToJson();
    }

    internal static async Task<string> SendAsync(HttpClient http, Uri uri, string body)
    {
        using var response = await http.PostAsync(uri, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !text.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The invoke was not answered with a card: {(int)response.StatusCode} {text}");
        }

        return text;
    }

    internal static async Task<List<double>> RunLoadAsync(HttpClient http, Uri uri, string body, int users, int perUser)
    {
        var times = new List<double>(users * perUser);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
        {
            for (var i = 0; i < perUser; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await SendAsync(http, uri, body);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (times)
                {
                    times.Add(elapsed);
                }
            }
        }));
        return times;
    }

    /// <summary>Latencies pooled over blocks, with what the process allocated while they ran.</summary>
    private sealed class Sample
    {
        private readonly List<double> _times = [];
        private long _allocated;
        private int _presses;

        public int Collections { get; private set; }

        public double KilobytesPerPress => _allocated / 1024.0 / _presses;

        public async Task AddAsync(Func<Task<List<double>>> run, int presses)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = GC.CollectionCount(0);
            _times.AddRange(await run());
            _allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Collections += GC.CollectionCount(0) - collectionsBefore;
            _presses += presses;
        }

        public (double P50, double P99) Percentiles()
        {
            _times.Sort();
            return (Measure.Percentile(_times, 50), Measure.Percentile(_times, 99));
        }
    }

    /// <summary>The baseline: Kestrel returning the same card bytes, doing nothing else.</summary>
    internal sealed class BareEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private BareEndpoint(WebApplication app, Uri uri) => (_app, Uri) = (app, uri);

        public Uri Uri { get; }

        public static async Task<BareEndpoint> StartAsync(string response)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var bytes = Encoding.UTF8.GetBytes(response);
            app.MapPost("/api/messages", async (HttpContext context) =>
            {
                // Read the activity as the real endpoint must, then answer.
                using var reader = new StreamReader(context.Request.Body);
                await reader.ReadToEndAsync();
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(bytes);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BareEndpoint(app, new Uri(new Uri(address), "api/messages"));
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
