using Microsoft.Extensions.Logging;

namespace SencoHub.Teams.Auth;

/// <summary>Picks the outbound token provider the configuration asks for.</summary>
internal static class BotTokenProviders
{
    public static IBotTokenProvider Create(BotCredentialsOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AppId) && string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            return NoTokenProvider.Instance;
        }

        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            return new ManagedIdentityTokenProvider(options, timeProvider, loggerFactory?.CreateLogger<ManagedIdentityTokenProvider>());
        }

        return new ClientCredentialsTokenProvider(options, timeProvider, httpClientFactory: null, loggerFactory?.CreateLogger<ClientCredentialsTokenProvider>());
    }
}
