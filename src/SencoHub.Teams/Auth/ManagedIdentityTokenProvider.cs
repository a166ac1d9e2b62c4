using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SencoHub.Teams.Auth;

/// <summary>Token from a user-assigned managed identity for resource <c>https://api.botframework.com</c>.</summary>
internal sealed class ManagedIdentityTokenProvider : IBotTokenProvider, IDisposable
{
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly RefreshingTokenCache _cache;

    public ManagedIdentityTokenProvider(BotCredentialsOptions options, TimeProvider? timeProvider = null, ILogger<ManagedIdentityTokenProvider>? logger = null)
        : this(options, CreateCredential(options), timeProvider, logger)
    {
    }

    /// <summary>With an explicit credential: the seam tests use, since IMDS exists only in Azure.</summary>
    public ManagedIdentityTokenProvider(BotCredentialsOptions options, TokenCredential credential, TimeProvider? timeProvider = null, ILogger<ManagedIdentityTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        // Azure.Identity turns the ".default" scope into the resource the IMDS endpoint expects.
        _request = new TokenRequestContext([options.Scope]);
        _cache = new RefreshingTokenCache(AcquireAsync, timeProvider ?? TimeProvider.System, options.RefreshBeforeExpiry, logger ?? (ILogger)NullLogger.Instance);
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        await _cache.GetAsync(cancellationToken).ConfigureAwait(false);

    private async Task<(string, DateTimeOffset)> AcquireAsync(CancellationToken cancellationToken)
    {
        var token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
        return (token.Token, token.ExpiresOn);
    }

    private static ManagedIdentityCredential CreateCredential(BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            throw new ArgumentException("A managed identity client id is required.", nameof(options));
        }

        return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
    }

    public void Dispose() => _cache.Dispose();
}
