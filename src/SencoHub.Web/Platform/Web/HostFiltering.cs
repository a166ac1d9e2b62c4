using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// <c>AllowedHosts</c>, applied by ASP.NET Core's own host filtering, to every path but
/// <c>/health</c>: redirects are built from the Host header, so a forged one must be refused, but
/// App Service probes each instance without promising the public host name, and the probe's answer
/// names no host. Infra sets <c>AllowedHosts</c> to the app's public address; local runs keep <c>*</c>.
/// </summary>
public static class HostFiltering
{
    public static IServiceCollection AddSencoHubHostFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        var allowed = new HostFilteringOptions
        {
            AllowedHosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        services.AddSingleton(new SencoHubHostFilter(allowed));
        // The framework's filter runs before the whole pipeline, /health included: it lets every
        // host through and the filter placed by UseSencoHubHostFiltering decides.
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        return services;
    }

    public static IApplicationBuilder UseSencoHubHostFiltering(this IApplicationBuilder app)
    {
        var filter = app.ApplicationServices.GetRequiredService<SencoHubHostFilter>();
        return app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseMiddleware<HostFilteringMiddleware>(filter));
    }

    /// <summary>The configured hosts, handed to the framework's middleware in place of its global options.</summary>
    internal sealed class SencoHubHostFilter(HostFilteringOptions options) : IOptionsMonitor<HostFilteringOptions>
    {
        public HostFilteringOptions CurrentValue => options;

        public HostFilteringOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<HostFilteringOptions, string?> listener) => null;
    }
}
