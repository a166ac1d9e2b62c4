using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SencoHub.Web.Platform.Data;

/// <summary>
/// The one EF Core model. Features contribute their entities through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in their own folders, so Platform never
/// references a feature; each provider subclass owns its migrations.
/// </summary>
public abstract class SencoHubDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every instance of a scaled-out app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SencoHubDb).Assembly);
    }
}
