using Microsoft.EntityFrameworkCore;

namespace SencoHub.Web.Platform.Data;

/// <summary>
/// The one EF Core model. Features contribute their entities through
/// <see cref="IEntityTypeConfiguration{TEntity}"/> classes in their own folders, so Platform never
/// references a feature; each provider subclass owns its migrations.
/// </summary>
public abstract class SencoHubDb(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SencoHubDb).Assembly);
    }
}
