using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SencoHub.Web.Platform.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSencoHubDb>
{
    public SqliteSencoHubDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSencoHubDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSencoHubDb>
{
    public PostgresSencoHubDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSencoHubDb>()
            .UseNpgsql("Host=localhost;Database=design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).Options);
}
