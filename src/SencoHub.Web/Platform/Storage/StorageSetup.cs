using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Storage;

public static class StorageSetup
{
    /// <summary>Registers <see cref="IFileStore"/> as configured (idempotent): Blob Storage when configured, else a local folder.</summary>
    public static IServiceCollection AddSencoHubStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => string.IsNullOrWhiteSpace(o.BlobServiceUri) || Uri.TryCreate(o.BlobServiceUri, UriKind.Absolute, out _),
                "SencoHub:Storage:BlobServiceUri must be an absolute URL such as https://account.blob.core.windows.net/.")
            .ValidateOnStart();
        services.TryAddSingleton<IFileStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (options.UsesBlob)
            {
                return new BlobFileStore(CreateContainer(options, configuration));
            }

            var dataDirectory = sp.GetRequiredService<IOptions<SencoHubOptions>>().Value.ResolveDataDirectory(sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            var folder = Path.IsPathRooted(options.LocalFolder) ? options.LocalFolder : Path.Combine(dataDirectory, options.LocalFolder);
            return new LocalFileStore(folder);
        });
        return services;
    }

    private static BlobContainerClient CreateContainer(StorageOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.BlobConnectionString))
        {
            return new BlobContainerClient(options.BlobConnectionString, options.BlobContainer);
        }

        if (!Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out var serviceUri))
        {
            throw new StartupException($"SencoHub:Storage:BlobServiceUri '{options.BlobServiceUri}' is not an absolute URL.");
        }

        // The same identity rule as the database: the user-assigned identity named by AZURE_CLIENT_ID, else whatever DefaultAzureCredential finds.
        var clientId = configuration["AZURE_CLIENT_ID"];
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new BlobServiceClient(serviceUri, credential).GetBlobContainerClient(options.BlobContainer);
    }
}
