using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

public sealed class RoleAssignment
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Role Role { get; set; }

    /// <summary>Null for the trust-wide roles; the school for the others.</summary>
    [StoredText(StoredText.Identifier)]
    public string? SchoolId { get; set; }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.SchoolId).HasMaxLength(SchoolIdRule.MaxLength);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PersonId, r.Role, r.SchoolId }).IsUnique();
        builder.HasIndex(r => new { r.SchoolId, r.Role });
    }
}
