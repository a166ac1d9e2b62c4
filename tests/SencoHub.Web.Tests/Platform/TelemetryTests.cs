using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SencoHub.Testing;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using Activity = System.Diagnostics.Activity;

namespace SencoHub.Web.Tests.Platform;

/// <summary>What the Azure Monitor exporter would receive, caught by OpenTelemetry's in-memory exporter.</summary>
public sealed class TelemetryTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ARequest_AndItsDatabaseCommands_AreOneTrace_WithoutTheValuesQueried(TestProvider provider)
    {
        var spans = new LockedList<Activity>();
        await using var app = await new SencoHubApp(provider)
            .ConfigureServicesWith(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)))
            .StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        // So the request looks the caller up in the database by their object id: a value that must stay out of the trace.
        app.Services.GetRequiredService<DirectoryCache>().Clear();

        // Spans are process-wide and other tests run alongside: the request carries a trace id of its own.
        var traceId = ActivityTraceId.CreateRandom();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/directory/people");
        get.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await lead.SendAsync(get)).EnsureSuccessStatusCode();

        // The server stops the request's span just after the client has the response.
        Activity[] recorded = [];
        await Eventually.TrueAsync(() =>
        {
            app.Services.GetRequiredService<TracerProvider>().ForceFlush();
            recorded = spans.Snapshot();

            return recorded.Any(s => IsRequest(s, traceId));
        }, "the request's span");

        var request = Assert.Single(recorded, s => IsRequest(s, traceId));
        var commands = recorded.Where(s => s.Source.Name == "SencoHub" && s.TraceId == request.TraceId).ToList();
        Assert.Contains(commands, c => c.DisplayName == "SELECT" && c.ParentSpanId == request.SpanId);
        Assert.True(commands.Count >= 2, "the caller's lookup and the list");
        Assert.All(commands, c =>
        {
            Assert.Equal(ActivityKind.Client, c.Kind);
            Assert.Equal(provider == TestProvider.Postgres ? "postgresql" : "sqlite", c.GetTagItem("db.system.name"));
            Assert.True(c.Duration > TimeSpan.Zero);
            Assert.DoesNotContain(DemoTrust.SendLead.AadObjectId, (string?)c.GetTagItem("db.query.text") ?? string.Empty, StringComparison.Ordinal);
        });
    }

    private static bool IsRequest(Activity span, ActivityTraceId traceId) =>
        span.Source.Name == "Microsoft.AspNetCore" && span.TraceId == traceId;

    [Fact]
    public async Task DeliveryOutcomes_AreCounted_ByOutcomeAndTopic()
    {
        var metrics = new LockedList<MetricSnapshot>();
        await using var teams = await TeamsApp.StartAsync(configure: app => app.ConfigureServicesWith(services =>
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))));
        var head = DemoTrust.HeadteacherOf(DemoTrust.SchoolIds[0]);
        await teams.Teams.InstallPersonalAsync(head);

        await teams.App.WithScopeAsync(async services =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            await outbox.ToPersonAsync(head.AadObjectId, SencoHub.Teams.Activities.Activity.CreateMessage("counted"), "telemetry:1", "telemetry.test");
            await outbox.ToPersonAsync("nobody-we-know", SencoHub.Teams.Activities.Activity.CreateMessage("lost"), "telemetry:2", "telemetry.test");
            await services.GetRequiredService<SencoHubDb>().SaveChangesAsync();
        });
        await Eventually.TrueAsync(
            async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == "telemetry.test"
                && (m.State == DeliveryState.Delivered || m.State == DeliveryState.WaitingForInstall))) == 2,
            "one delivered, one held for someone not reachable yet");
        teams.App.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(1, Sum(metrics, "delivered"));
        Assert.Equal(1, Sum(metrics, "waiting_for_install"));
        Assert.Equal(0, Sum(metrics, "failed"));
    }

    private static long Sum(LockedList<MetricSnapshot> metrics, string outcome)
    {
        long total = 0;
        foreach (var metric in metrics.Snapshot().Where(m => m.Name == "sencohub.delivery.messages"))
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                // Cumulative: the latest export holds the total.
                if (Equals(tags.GetValueOrDefault("outcome"), outcome) && Equals(tags.GetValueOrDefault("topic"), "telemetry.test"))
                {
                    total = Math.Max(total, point.GetSumLong());
                }
            }
        }

        return total;
    }

    /// <summary>The exporters add from their own threads (and other tests' spans arrive too).</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public T[] Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
