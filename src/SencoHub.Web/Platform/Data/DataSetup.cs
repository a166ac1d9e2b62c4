using Azure.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Data;

public static class DataSetup
{
    // Azure Database for PostgreSQL accepts Entra access tokens for this audience as passwords.
    private const string PostgresEntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    public static IServiceCollection AddSencoHubData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Read here to choose the provider; validated at start like every other options class.
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("SencoHub");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupException("SencoHub:Database:Provider is Postgres but ConnectionStrings:SencoHub is not set.");
            }

            var dataSource = BuildPostgresDataSource(connectionString, configuration);
            services.AddSingleton(dataSource);
            // Pooled: every bot turn and page gets a ready context instead of building one.
            services.AddDbContextPool<SencoHubDb, PostgresSencoHubDb>(db => db.UseNpgsql(dataSource, npgsql =>
                npgsql.MigrationsHistoryTable("__ef_migrations_history")).AddInterceptors(DatabaseCommandTracing.Instance, PupilDataWriteBarrier.Instance));
        }
        else
        {
            var dataDirectory = (configuration.GetSection(SencoHubOptions.SectionName).Get<SencoHubOptions>() ?? new SencoHubOptions())
                .ResolveDataDirectory(environment.ContentRootPath);
            var connectionString = configuration.GetConnectionString("SencoHub")
                ?? $"Data Source={Path.Combine(dataDirectory, "sencohub.db")}";
            services.AddDbContextPool<SencoHubDb, SqliteSencoHubDb>(db => db.UseSqlite(connectionString).AddInterceptors(DatabaseCommandTracing.Instance, PupilDataWriteBarrier.Instance));
        }

        services.AddStartupTask<MigrateDatabase>();
        return services;
    }

    /// <summary>
    /// A connection string without a password means Entra authentication (the managed identity
    /// in Azure): a fresh access token is used as the password, refreshed well before it expires.
    /// </summary>
    private static NpgsqlDataSource BuildPostgresDataSource(string connectionString, IConfiguration configuration)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password))
        {
            var credential = AzureCredential.Create(configuration);
            builder.UsePeriodicPasswordProvider(
                async (_, cancellationToken) => (await credential.GetTokenAsync(new TokenRequestContext([PostgresEntraScope]), cancellationToken)).Token,
                TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
        }

        return builder.Build();
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
