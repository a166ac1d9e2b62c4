using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

/// <summary>The one trust this installation serves.</summary>
public sealed class Trust
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    [StoredText(StoredText.FreeText)]
    public required string Name { get; set; }

    /// <summary>Goes up with every directory import, so every instance notices and drops what it cached.</summary>
    public int DirectoryVersion { get; set; }

    /// <summary>Seeded from the bundled demo file (no directory file configured): other features may add demo content.</summary>
    public bool IsDemo { get; set; }
}

internal sealed class TrustConfiguration : IEntityTypeConfiguration<Trust>
{
    public void Configure(EntityTypeBuilder<Trust> builder)
    {
        builder.ToTable("trust");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(DirectoryLimits.NameLength);
    }
}
