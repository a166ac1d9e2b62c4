using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform;

public static class Operations
{
    /// <summary>Traces and metrics for ASP.NET Core, HttpClient and the database; exported to
    /// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, signed in as the app's
    /// identity (infra turns Application Insights' local authentication off).</summary>
    public static IServiceCollection AddSencoHubOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                // Database commands come from SencoHub's own source (one span per command on either provider).
                .AddSource(SencoHubTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore", "Npgsql", SencoHubTelemetry.Name));

        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var credential = AzureCredential.Create(configuration);
            telemetry.WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(o => o.Credential = credential))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(o => o.Credential = credential));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSencoHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(SencoHubDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
