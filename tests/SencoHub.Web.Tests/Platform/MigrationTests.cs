using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Tests.Platform;

public sealed class MigrationTests
{
    [Fact]
    public void SqliteModel_HasNoChangesMissingAMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteSencoHubDb -o Platform/Data/Migrations/Sqlite");
    }

    [Fact]
    public void PostgresModel_HasNoChangesMissingAMigration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresSencoHubDb -o Platform/Data/Migrations/Postgres");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrations_ApplyAtStart_OnARealServer(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var pending = await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var applied = await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.Empty(pending);
        Assert.NotEmpty(applied);
        Assert.Equal(provider == TestProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite",
            await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName)));
    }
}
