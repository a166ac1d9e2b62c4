using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SencoHub.Testing;
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
        var spans = new List<Activity>();
        await using var app = await new SencoHubApp(provider)
            .ConfigureServicesWith(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)))
            .StartAsync();
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var headteacher = DemoTrust.HeadteacherOf(DemoTrust.SchoolIds[0]);

        (await lead.GetAsync($"/api/directory/people?probe={Uri.EscapeDataString(headteacher.Name)}")).EnsureSuccessStatusCode();
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] recorded;
        lock (spans)
        {
            recorded = [.. spans];
        }

        var request = Assert.Single(recorded, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName.Contains("/directory/people", StringComparison.Ordinal));
        var commands = recorded.Where(s => s.Source.Name == "SencoHub" && s.TraceId == request.TraceId).ToList();
        Assert.Contains(commands, c => c.DisplayName == "SELECT" && c.ParentSpanId == request.SpanId);
        Assert.All(commands, c =>
        {
            Assert.Equal(ActivityKind.Client, c.Kind);
            Assert.Equal(provider == TestProvider.Postgres ? "postgresql" : "sqlite", c.GetTagItem("db.system.name"));
            Assert.True(c.Duration > TimeSpan.Zero);
            Assert.DoesNotContain(headteacher.Name, (string?)c.GetTagItem("db.query.text") ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task DeliveryOutcomes_AreCounted_ByOutcomeAndTopic()
    {
        var metrics = new List<MetricSnapshot>();
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
            async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == "telemetry.test" && m.CompletedAt != null)) == 2,
            "both messages finished");
        teams.App.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(1, Sum(metrics, "delivered"));
        Assert.Equal(1, Sum(metrics, "failed"));
    }

    private static long Sum(List<MetricSnapshot> metrics, string outcome)
    {
        long total = 0;
        lock (metrics)
        {
            foreach (var metric in metrics.Where(m => m.Name == "sencohub.delivery.messages"))
            {
                foreach (var point in metric.MetricPoints)
                {
                    var tags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                    {
                        tags[tag.Key] = tag.Value;
                    }

                    if (Equals(tags.GetValueOrDefault("outcome"), outcome) && Equals(tags.GetValueOrDefault("topic"), "telemetry.test"))
                    {
                        total = Math.Max(total, point.GetSumLong());
                    }
                }
            }
        }

        return total;
    }
}
