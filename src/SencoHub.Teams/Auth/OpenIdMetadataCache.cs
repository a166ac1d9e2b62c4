using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Teams.Auth;

/// <summary>
/// OpenID metadata and signing keys per metadata address, cached by
/// <see cref="ConfigurationManager{T}"/> and refreshed when a token names an unknown key id.
/// </summary>
public sealed class OpenIdMetadataCache
{
    // Tenant metadata addresses come from unvalidated tokens; bound how many we keep.
    private const int MaxEntries = 128;

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDocumentRetriever _retriever;
    private readonly BotAuthenticationOptions _options;

    public OpenIdMetadataCache(HttpClient httpClient, BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _retriever = new HttpDocumentRetriever(httpClient) { RequireHttps = options.RequireHttpsMetadata };
    }

    /// <summary>Finds the signing key <paramref name="keyId"/>, refreshing the metadata once if it is unknown.</summary>
    public async Task<JsonWebKey?> FindSigningKeyAsync(string metadataAddress, string keyId, CancellationToken cancellationToken)
    {
        var manager = GetManager(metadataAddress);
        var configuration = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var key = Find(configuration, keyId);
        if (key is not null)
        {
            return key;
        }

        // New keys can appear at any time (protocol reference, section 6): refresh and retry once.
        manager.RequestRefresh();
        configuration = await manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return Find(configuration, keyId);
    }

    private ConfigurationManager<OpenIdConnectConfiguration> GetManager(string metadataAddress)
    {
        if (_managers.TryGetValue(metadataAddress, out var existing))
        {
            return existing;
        }

        if (_managers.Count >= MaxEntries)
        {
            _managers.Clear();
        }

        return _managers.GetOrAdd(metadataAddress, address => new ConfigurationManager<OpenIdConnectConfiguration>(
            address, new OpenIdConnectConfigurationRetriever(), _retriever)
        {
            AutomaticRefreshInterval = _options.MetadataAutomaticRefreshInterval,
            RefreshInterval = _options.MetadataRefreshInterval,
        });
    }

    private static JsonWebKey? Find(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal)
            || string.Equals(k.X5t, keyId, StringComparison.Ordinal));

    /// <summary>The channel ids a Bot Framework key is endorsed for (a non-standard JWK member).</summary>
    internal static IReadOnlyList<string>? GetEndorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return null;
        }

        return raw switch
        {
            string single => [single],
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
                array.EnumerateArray().Select(e => e.ToString()).ToList(),
            System.Collections.IEnumerable items => items.Cast<object?>().Select(i => i?.ToString() ?? string.Empty).ToList(),
            _ => [raw.ToString() ?? string.Empty],
        };
    }
}
