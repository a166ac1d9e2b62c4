using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Bot;

public static class BotFeature
{
    /// <summary>Where the bot's settings live; bound as <see cref="TeamsBotOptions"/>, nested the same way.</summary>
    public const string SectionName = "SencoHub:Bot";

    /// <summary>
    /// The Teams bot on <c>/api/messages</c>. Inbound JWTs are required whenever <c>SencoHub:Bot:Authentication:AppId</c>
    /// is set; without one, anonymous traffic (local tools such as the Agents Playground) is accepted only
    /// when <c>SencoHub:Bot:AllowUnauthenticated</c> is true, which is the default only in Development.
    /// </summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddTeamsBot(options =>
        {
            // Defaults before the configuration is bound over them. Local tools (the Agents Playground,
            // test doubles) send no token and serve the Connector on http://localhost.
            options.AllowUnauthenticated = environment.IsDevelopment();
            options.AllowLoopbackHttpServiceUrl = environment.IsDevelopment();
            // Even pacing already keeps requests apart, so the margin only absorbs network jitter on
            // the way to Teams; every millisecond of it is 0.1 % of throughput (delivery benchmark).
            options.RateLimits.SpreadTenantRequests = true;
            options.RateLimits.WindowMargin = TimeSpan.FromMilliseconds(10);
        });
        // The configuration has the shape of TeamsBotOptions (SencoHub:Bot:Authentication:AppId …).
        services.AddOptions<TeamsBotOptions>().BindConfiguration(SectionName);
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
