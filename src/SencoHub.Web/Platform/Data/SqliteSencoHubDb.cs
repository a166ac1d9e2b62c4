using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SencoHub.Web.Platform.Data;

public sealed class SqliteSencoHubDb(DbContextOptions<SqliteSencoHubDb> options) : SencoHubDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native instant type; binary-encoded DateTimeOffset keeps ordering and
        // comparisons translatable (EF refuses to compare DateTimeOffset stored as text).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
