using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace SencoHub.Web.Platform.Graph;

/// <summary>The app's one <see cref="GraphServiceClient"/>, built only when Graph is enabled.</summary>
public sealed class GraphClients(IOptions<GraphOptions> options, [FromKeyedServices(GraphSetup.CredentialKey)] TokenCredential credential)
{
    private readonly Lazy<GraphServiceClient> _client = new(() =>
    {
        var graph = options.Value;
        var tokens = new GraphAccessTokenProvider(credential, graph.Scope, graph.BaseUri.Host);
        return new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), graph.BaseUri.ToString().TrimEnd('/'));
    });

    public bool IsEnabled => options.Value.Enabled;

    public GraphServiceClient Client => IsEnabled ? _client.Value : throw new InvalidOperationException("Microsoft Graph is not enabled (SencoHub:Graph:Enabled).");
}

public static class GraphSetup
{
    /// <summary>The keyed <see cref="TokenCredential"/> Graph calls use; tests replace it, since Entra is not on loopback.</summary>
    public const string CredentialKey = "graph";

    /// <summary>Idempotent: every feature that calls Graph asks for it.</summary>
    public static IServiceCollection AddSencoHubGraph(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(GraphClients)))
        {
            return services;
        }

        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddKeyedSingleton<TokenCredential>(CredentialKey, (sp, _) => CreateCredential(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.AddSingleton<GraphClients>();
        return services;
    }

    private static TokenCredential CreateCredential(GraphOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret,
                new ClientSecretCredentialOptions { AuthorityHost = new Uri(options.AuthorityHost) });
        }

        // Graph is off: nothing will ask for a token, but the client type still resolves.
        return new UnavailableCredential();
    }

    private sealed class UnavailableCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Microsoft Graph has no credential configured (SencoHub:Graph).");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromException<AccessToken>(new InvalidOperationException("Microsoft Graph has no credential configured (SencoHub:Graph)."));
    }
}

/// <summary>Bearer tokens for Graph requests, and only for the configured Graph host (never sent elsewhere, e.g. to a next link).</summary>
internal sealed class GraphAccessTokenProvider(TokenCredential credential, string scope, string host) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
        return token.Token;
    }
}
