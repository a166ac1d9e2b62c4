using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Data;

/// <summary>Applies the provider's migrations at start.</summary>
internal sealed class MigrateDatabase(SencoHubDb db) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken) => db.MigrateAsync(cancellationToken);
}
