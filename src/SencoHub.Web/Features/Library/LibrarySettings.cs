using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SencoHub.Web.Features.Library;

/// <summary>The SEND lead's own choices for the library, changed in the app (one row).</summary>
public sealed class LibrarySettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Staff and headteachers may contribute too (SENCOs always may).</summary>
    public bool StaffMayContribute { get; set; }

    /// <summary>Set once the demo library has been written, so it is written at most once.</summary>
    public DateTimeOffset? DemoSeededAt { get; set; }
}

internal sealed class LibrarySettingsConfiguration : IEntityTypeConfiguration<LibrarySettings>
{
    public void Configure(EntityTypeBuilder<LibrarySettings> builder)
    {
        builder.ToTable("library_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
