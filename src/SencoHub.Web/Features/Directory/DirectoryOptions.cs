namespace SencoHub.Web.Features.Directory;

public sealed class DirectoryOptions
{
    public const string SectionName = "SencoHub:Directory";

    /// <summary>Prefix of a <see cref="SeedFile"/> held in the app's file store rather than on disk.</summary>
    public const string StorePrefix = "store:";

    /// <summary>Directory file imported on first start (empty database): a path, or <c>store:PATH</c> in
    /// the app's file store. Unset: the bundled demo trust.</summary>
    public string? SeedFile { get; set; }
}
