using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace SencoHub.Teams.Auth;

/// <summary>Client-credentials token for the Bot Framework scope via MSAL, with a secret or a certificate.</summary>
internal sealed class ClientCredentialsTokenProvider : IBotTokenProvider, IDisposable
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;
    private readonly RefreshingTokenCache _cache;

    public ClientCredentialsTokenProvider(BotCredentialsOptions options, TimeProvider? timeProvider = null, IMsalHttpClientFactory? httpClientFactory = null, ILogger<ClientCredentialsTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            throw new ArgumentException("An app id is required for client credentials.", nameof(options));
        }

        var builder = ConfidentialClientApplicationBuilder.Create(options.AppId)
            .WithAuthority($"{options.AuthorityHost.TrimEnd('/')}/{options.TenantId}", validateAuthority: true);
        if (options.Certificate is not null)
        {
            builder = builder.WithCertificate(options.Certificate, sendX5C: true);
        }
        else if (!string.IsNullOrEmpty(options.ClientSecret))
        {
            builder = builder.WithClientSecret(options.ClientSecret);
        }
        else
        {
            throw new ArgumentException("Client credentials need a client secret or a certificate.", nameof(options));
        }

        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory).WithInstanceDiscovery(false);
        }

        _app = builder.Build();
        _scopes = [options.Scope];
        _cache = new RefreshingTokenCache(AcquireAsync, timeProvider ?? TimeProvider.System, options.RefreshBeforeExpiry, logger ?? (ILogger)NullLogger.Instance);
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        await _cache.GetAsync(cancellationToken).ConfigureAwait(false);

    private async Task<(string, DateTimeOffset)> AcquireAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return (result.AccessToken, result.ExpiresOn);
    }

    public void Dispose() => _cache.Dispose();
}
