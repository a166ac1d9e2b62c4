using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Teams.Auth;

/// <summary>
/// OpenID metadata and signing keys per metadata address, cached by
/// <see cref="ConfigurationManager{T}"/>. A token naming an unknown key id forces one synchronous
/// re-fetch (at most once per <see cref="BotAuthenticationOptions.MetadataRefreshInterval"/>) and
/// the lookup is retried once: IdentityModel 8's own <c>RequestRefresh</c> refreshes in the
/// background, which would fail the very request that carries a newly rotated key.
/// </summary>
internal sealed class OpenIdMetadataCache
{
    // Tenant metadata addresses come from unvalidated tokens; bound how many we keep.
    private const int MaxEntries = 128;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDocumentRetriever _retriever;
    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;

    public OpenIdMetadataCache(HttpClient httpClient, BotAuthenticationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _retriever = new HttpDocumentRetriever(httpClient) { RequireHttps = options.RequireHttpsMetadata };
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Finds the signing key <paramref name="keyId"/>, re-fetching the metadata once if it is unknown.</summary>
    /// <exception cref="InvalidOperationException">The metadata could not be retrieved.</exception>
    public async Task<JsonWebKey?> FindSigningKeyAsync(string metadataAddress, string keyId, CancellationToken cancellationToken)
    {
        var entry = GetEntry(metadataAddress);
        var key = Find(await entry.Manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false), keyId);
        if (key is not null)
        {
            return key;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have re-fetched while this one waited.
            key = Find(await entry.Manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false), keyId);
            var now = _time.GetUtcNow();
            if (key is not null || now - entry.LastForcedRefresh < _options.MetadataRefreshInterval)
            {
                return key;
            }

            entry.LastForcedRefresh = now;
            var fresh = CreateManager(metadataAddress);
            var configuration = await fresh.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            entry.Manager = fresh;
            return Find(configuration, keyId);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private Entry GetEntry(string metadataAddress)
    {
        if (_entries.TryGetValue(metadataAddress, out var existing))
        {
            return existing;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(metadataAddress, address => new Entry(CreateManager(address)));
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager(string address) =>
        new(address, new OpenIdConnectConfigurationRetriever(), _retriever)
        {
            AutomaticRefreshInterval = _options.MetadataAutomaticRefreshInterval,
        };

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

    private sealed class Entry(ConfigurationManager<OpenIdConnectConfiguration> manager)
    {
        private ConfigurationManager<OpenIdConnectConfiguration> _manager = manager;

        public ConfigurationManager<OpenIdConnectConfiguration> Manager
        {
            get => Volatile.Read(ref _manager);
            set => Volatile.Write(ref _manager, value);
        }

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset LastForcedRefresh { get; set; } = DateTimeOffset.MinValue;
    }
}
