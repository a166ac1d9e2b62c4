using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Bot;

public static class BotFeature
{
    /// <summary>
    /// The Teams bot on <c>/api/messages</c>. Inbound JWTs are required whenever <c>SencoHub:Bot:AppId</c>
    /// is set; without one, anonymous traffic (local tools such as the Agents Playground) is accepted only
    /// when <c>SencoHub:Bot:AllowUnauthenticated</c> is true, which is the default only in Development.
    /// </summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(TeamsBotOptions.SectionName);
        services.AddTeamsBot(options =>
        {
            options.Authentication.AppId = section["AppId"];
            options.AllowUnauthenticated = section.GetValue("AllowUnauthenticated", environment.IsDevelopment());
            // Local tools (the Agents Playground, test doubles) serve the Connector on http://localhost.
            options.AllowLoopbackHttpServiceUrl = section.GetValue("AllowLoopbackServiceUrl", environment.IsDevelopment());
            options.Credentials.TenantId = section["TenantId"] ?? options.Credentials.TenantId;
            options.Credentials.ClientSecret = section["ClientSecret"];
            options.Credentials.ManagedIdentityClientId = section["ManagedIdentityClientId"];
            options.Authentication.BotFrameworkOpenIdMetadataUrl = section["OpenIdMetadataUrl"] ?? options.Authentication.BotFrameworkOpenIdMetadataUrl;
            options.Authentication.EntraOpenIdMetadataUrlTemplate = section["EntraOpenIdMetadataUrlTemplate"] ?? options.Authentication.EntraOpenIdMetadataUrlTemplate;
            options.Authentication.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            options.Credentials.AuthorityHost = section["AuthorityHost"] ?? options.Credentials.AuthorityHost;
            foreach (var tenant in section.GetSection("AllowedTenantIds").Get<string[]>() ?? [])
            {
                options.Authentication.AllowedTenantIds.Add(tenant);
            }

            foreach (var host in section.GetSection("TrustedServiceHosts").Get<string[]>() ?? [])
            {
                options.Connector.AdditionalTrustedHosts.Add(host);
            }

            if (section.GetValue<int?>("PerTenantPerSecond") is { } perSecond)
            {
                options.RateLimits.PerTenantPerSecond = perSecond;
            }

            // Even pacing already keeps requests apart, so the margin only absorbs network jitter on
            // the way to Teams; every millisecond of it is 0.1 % of throughput (delivery benchmark).
            options.RateLimits.SpreadTenantRequests = section.GetValue("SpreadTenantRequests", true);
            options.RateLimits.WindowMargin = TimeSpan.FromMilliseconds(section.GetValue("RateLimitMarginMilliseconds", 10));
        });
        if (!services.Any(d => d.ServiceType == typeof(BotRegistry)))
        {
            services.AddSingleton(new BotRegistry());
        }

        services.AddStartupTask<CheckBotCredentials>();
        services.AddMemoryCache();
        services.AddSingleton<SencoHubBot>();
        services.AddSingleton<IBotHandler>(sp => sp.GetRequiredService<SencoHubBot>().BuildRouter(sp.GetRequiredService<ILogger<ActivityRouter>>()));
        return services;
    }

    public static IEndpointRouteBuilder MapBot(this IEndpointRouteBuilder app)
    {
        // The bot authenticates Teams itself (JWT); it skips the tabs' cookie, authorization and page middleware.
        app.MapBotEndpoint("/api/messages").ShortCircuit();
        return app;
    }
}
