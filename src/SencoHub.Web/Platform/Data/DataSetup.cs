using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Data;

public static class DataSetup
{
    public static IServiceCollection AddSencoHubData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("SencoHub");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupException("SencoHub:Database:Provider is Postgres but ConnectionStrings:SencoHub is not set.");
            }

            services.AddDbContext<SencoHubDb, PostgresSencoHubDb>(db => db.UseNpgsql(connectionString, npgsql =>
                npgsql.MigrationsHistoryTable("__ef_migrations_history")));
        }
        else
        {
            var dataDirectory = (configuration.GetSection(SencoHubOptions.SectionName).Get<SencoHubOptions>() ?? new SencoHubOptions())
                .ResolveDataDirectory(environment.ContentRootPath);
            var connectionString = configuration.GetConnectionString("SencoHub")
                ?? $"Data Source={Path.Combine(dataDirectory, "sencohub.db")}";
            services.AddDbContext<SencoHubDb, SqliteSencoHubDb>(db => db.UseSqlite(connectionString));
        }

        services.AddStartupTask<MigrateDatabase>();
        return services;
    }

    /// <summary>Applies the provider's migrations. SQLite also gets WAL mode so readers never
    /// block the writer (the delivery worker writes while pages read).</summary>
    public static async Task MigrateAsync(this SencoHubDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
