using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

public sealed class Person
{
    public int Id { get; set; }

    /// <summary>
    /// Entra object id, kept opaque: Microsoft's own test tools send ids that are not GUIDs. Null
    /// while a person listed by email waits for their first sign-in; until then they are nobody.
    /// </summary>
    [StoredText(StoredText.Identifier)]
    public string? AadObjectId { get; set; }
    [StoredText(StoredText.FreeText)]
    public required string Name { get; set; }
    /// <summary>The sign-in name (UPN) or email the trust listed them by; matched without regard to case.</summary>
    [StoredText(StoredText.Identifier)]
    public required string Email { get; set; }

    public bool IsWaitingForFirstSignIn => AadObjectId is null;
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
        builder.Ignore(p => p.IsWaitingForFirstSignIn);
        builder.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
