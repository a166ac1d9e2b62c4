namespace SencoHub.Web.Platform.Storage;

/// <summary>Where <see cref="IFileStore"/> keeps files. Nothing set: a folder in the data directory.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "SencoHub:Storage";

    /// <summary>Azure Blob Storage reached with the managed identity (<c>AZURE_CLIENT_ID</c>), e.g. <c>https://account.blob.core.windows.net/</c>.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>Azure Blob Storage by connection string (Azurite in tests and development). Takes precedence over <see cref="BlobServiceUri"/>.</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>The blob container; created on first use.</summary>
    public string BlobContainer { get; set; } = "sencohub";

    /// <summary>The local folder; relative paths are inside the data directory. Default <c>files</c>.</summary>
    public string LocalFolder { get; set; } = "files";

    public bool UsesBlob => !string.IsNullOrWhiteSpace(BlobConnectionString) || !string.IsNullOrWhiteSpace(BlobServiceUri);
}
