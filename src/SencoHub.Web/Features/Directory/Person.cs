using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

public sealed class Person
{
    public int Id { get; set; }

    /// <summary>Entra object id, kept opaque: Microsoft's own test tools send ids that are not GUIDs.</summary>
    [StoredText(StoredText.Identifier)]
    public required string AadObjectId { get; set; }
    [StoredText(StoredText.FreeText)]
    public required string Name { get; set; }
    [StoredText(StoredText.Identifier)]
    public required string Email { get; set; }
    public List<RoleAssignment> Roles { get; set; } = [];
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.AadObjectId).HasMaxLength(DirectoryLimits.AadObjectIdLength);
        builder.HasIndex(p => p.AadObjectId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(DirectoryLimits.NameLength);
        builder.Property(p => p.Email).HasMaxLength(DirectoryLimits.EmailLength);
        builder.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
