namespace SencoHub.Web.Features.Directory;

public sealed class DirectoryOptions
{
    public const string SectionName = "SencoHub:Directory";

    /// <summary>Directory file imported on first start (empty database). Unset: the bundled demo trust.</summary>
    public string? SeedFile { get; set; }
}
