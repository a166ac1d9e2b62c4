using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

public enum SchoolPhase
{
    Primary,
    Secondary,
    Special,
    AllThrough,
    AlternativeProvision,
}

public static class SchoolPhases
{
    public static string Display(this SchoolPhase phase) => phase switch
    {
        SchoolPhase.AllThrough => "All-through",
        SchoolPhase.AlternativeProvision => "Alternative provision",
        _ => phase.ToString(),
    };
}

public sealed class School
{
    /// <summary>Stable text id chosen by the trust (e.g. <c>nb-oak</c>); never changes.</summary>
    [StoredText(StoredText.Identifier)]
    public required string Id { get; set; }
    [StoredText(StoredText.FreeText)]
    public required string Name { get; set; }

    /// <summary>Unique reference number from Get Information About Schools: six digits.</summary>
    [StoredText(StoredText.Identifier)]
    public required string Urn { get; set; }
    public SchoolPhase Phase { get; set; }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.ToTable("schools");
        builder.Property(s => s.Id).HasMaxLength(SchoolIdRule.MaxLength);
        builder.Property(s => s.Name).HasMaxLength(DirectoryLimits.NameLength);
        builder.Property(s => s.Urn).HasMaxLength(6);
        builder.Property(s => s.Phase).HasConversion<string>().HasMaxLength(32);
    }
}
