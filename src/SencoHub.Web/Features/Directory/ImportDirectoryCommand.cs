using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Directory;

/// <summary><c>import-directory FILE</c>: the same upsert as the admin page, from the command line.</summary>
internal sealed class ImportDirectoryCommand(SencoHubDb db, ImportDirectory import) : ICommand
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("Usage: import-directory FILE.json");
            return 2;
        }

        if (!File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync($"No such file: {args[0]}");
            return 2;
        }

        await db.MigrateAsync(cancellationToken);
        try
        {
            var summary = await import.ImportAsync(await File.ReadAllTextAsync(args[0], cancellationToken), cancellationToken);
            Console.WriteLine($"Imported {args[0]}: {summary}");
            return 0;
        }
        catch (DirectoryFileException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
