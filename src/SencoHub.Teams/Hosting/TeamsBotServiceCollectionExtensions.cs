using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Hosting;

public static class TeamsBotServiceCollectionExtensions
{
    internal const string ConnectorHttpClient = "SencoHub.Teams.Connector";
    internal const string MetadataHttpClient = "SencoHub.Teams.OpenIdMetadata";

    /// <summary>
    /// Key of the wall clock the protocol runs on (token lifetimes, rate windows, retry delays,
    /// invoke budgets). Always real time by default, whatever business clock the app registers.
    /// </summary>
    public const string ClockKey = "SencoHub.Teams.Clock";

    /// <summary>
    /// Registers token validation, outbound tokens, the rate limiter and <see cref="ConnectorClient"/>.
    /// The app registers its own <see cref="IBotHandler"/> (e.g. an <see cref="ActivityRouter"/>).
    /// </summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, Action<TeamsBotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TeamsBotOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        services.AddHttpClient(ConnectorHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(MetadataHttpClient, c => c.Timeout = TimeSpan.FromSeconds(10));

        services.TryAddSingleton(sp => new OpenIdMetadataCache(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataHttpClient),
            sp.GetRequiredService<IOptions<TeamsBotOptions>>().Value.Authentication,
            sp.GetRequiredKeyedService<TimeProvider>(ClockKey)));
        services.TryAddSingleton(sp => new BotTokenValidator(
            sp.GetRequiredService<IOptions<TeamsBotOptions>>().Value.Authentication,
            sp.GetRequiredService<OpenIdMetadataCache>(),
            sp.GetRequiredKeyedService<TimeProvider>(ClockKey),
            sp.GetRequiredService<ILogger<BotTokenValidator>>()));
        services.TryAddSingleton<IBotTokenProvider>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TeamsBotOptions>>().Value;
            o.Credentials.AppId ??= o.Authentication.AppId;
            return BotTokenProviders.Create(o.Credentials, sp.GetRequiredKeyedService<TimeProvider>(ClockKey), sp.GetRequiredService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => new TeamsRateLimiter(
            sp.GetRequiredService<IOptions<TeamsBotOptions>>().Value.RateLimits,
            sp.GetRequiredKeyedService<TimeProvider>(ClockKey)));
        services.TryAddTransient(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TeamsBotOptions>>().Value;
            return new ConnectorClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorHttpClient),
                sp.GetRequiredService<IBotTokenProvider>(),
                o.Connector,
                o.EnableRateLimiting ? sp.GetRequiredService<TeamsRateLimiter>() : null,
                sp.GetRequiredKeyedService<TimeProvider>(ClockKey),
                sp.GetRequiredService<ILogger<ConnectorClient>>());
        });
        services.TryAddSingleton<BotEndpoint>();
        return services;
    }

    /// <summary>Maps the messaging endpoint: POST handles activities; GET/HEAD answer 405 (the playground probes with HEAD).</summary>
    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }).ExcludeFromDescription();

        return endpoints.MapPost(pattern, (HttpContext http, BotEndpoint endpoint) => endpoint.HandleAsync(http))
            .ExcludeFromDescription();
    }
}
