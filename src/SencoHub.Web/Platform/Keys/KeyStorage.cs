using Azure.Core.Cryptography;
using Azure.Security.KeyVault.Keys.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Keys;

/// <summary>Where the data-protection keys (cookies, anti-forgery tokens) are kept, and what protects them at rest.</summary>
public sealed class KeyStorageOptions
{
    public const string SectionName = "SencoHub:DataProtection";

    /// <summary>
    /// The blob holding the keys (<c>https://account.blob.core.windows.net/container/keys.xml</c>),
    /// reached with the app's managed identity. Empty: the app's own database.
    /// </summary>
    public Uri? KeysBlobUri { get; set; }

    /// <summary>
    /// The versioned id of the Key Vault key that wraps every data-protection key before it is
    /// stored. Empty: keys are stored as they are (local runs).
    /// </summary>
    public Uri? KeyVaultKeyId { get; set; }
}

/// <summary>
/// ASP.NET Core data protection for SencoHub. With no configuration the keys live in the app
/// database, unencrypted (local runs need nothing). In Azure infra sets a blob and a Key Vault key:
/// keys are stored in Blob Storage and each is encrypted with a key only Key Vault can unwrap.
/// </summary>
public static class KeyStorage
{
    /// <summary>Service key of the <see cref="BlobClient"/> for the keys blob (a test may register its own).</summary>
    public const string KeysBlobClient = "SencoHub.DataProtection.KeysBlob";

    public static IServiceCollection AddSencoHubDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyStorageOptions.SectionName).Get<KeyStorageOptions>() ?? new KeyStorageOptions();
        // A key store the app cannot use stops it at start, naming the setting, not at the first sign-in.
        services.AddOptions<KeyStorageOptions>().BindConfiguration(KeyStorageOptions.SectionName)
            .Validate(o => o.KeysBlobUri is not { } blob || (blob.IsAbsoluteUri && (blob.Scheme == Uri.UriSchemeHttps || (blob.Scheme == Uri.UriSchemeHttp && blob.IsLoopback))),
                $"{KeyStorageOptions.SectionName}:KeysBlobUri must be an absolute https URL (plain http only for an emulator on loopback).")
            .Validate(o => o.KeyVaultKeyId is not { } key || (key.IsAbsoluteUri && key.Scheme == Uri.UriSchemeHttps),
                $"{KeyStorageOptions.SectionName}:KeyVaultKeyId must be the Key Vault key's https URL.")
            .ValidateOnStart();
        var dataProtection = services.AddDataProtection().SetApplicationName("SencoHub");
        if (options.KeysBlobUri is { } blobUri)
        {
            services.AddKeyedSingleton(KeysBlobClient, (_, _) => new BlobClient(blobUri, AzureCredential.Create(configuration)));
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new BlobXmlRepository(sp.GetRequiredKeyedService<BlobClient>(KeysBlobClient))));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<SencoHubDb>();
        }

        if (options.KeyVaultKeyId is { } keyId)
        {
            services.AddSingleton<IKeyEncryptionKeyResolver>(_ => new KeyResolver(AzureCredential.Create(configuration)));
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlEncryptor = new KeyVaultXmlEncryptor(sp.GetRequiredService<IKeyEncryptionKeyResolver>(), keyId.AbsoluteUri)));
        }

        return services;
    }
}
