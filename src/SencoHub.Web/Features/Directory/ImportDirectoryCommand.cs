using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Directory;

/// <summary><c>import-directory FILE [--remove-absent]</c>: the same import as the admin page (JSON or CSV), from the command line.</summary>
internal sealed class ImportDirectoryCommand(SencoHubDb db, ImportDirectory import) : ICommand
{
    private const string RemoveAbsentOption = "--remove-absent";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var removeAbsentPeople = args.Contains(RemoveAbsentOption, StringComparer.Ordinal);
        var files = args.Where(a => a != RemoveAbsentOption).ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Usage: import-directory FILE.json|FILE.csv [{RemoveAbsentOption}]");
            await Console.Error.WriteLineAsync($"  {RemoveAbsentOption}  take away the roles of anyone the file no longer lists");
            return 2;
        }

        var file = files[0];
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"No such file: {file}");
            return 2;
        }

        await db.MigrateAsync(cancellationToken);
        try
        {
            var summary = await import.ImportAsync(await File.ReadAllTextAsync(file, cancellationToken), removeAbsentPeople, cancellationToken);
            Console.WriteLine($"Imported {file}: {summary}");
            return 0;
        }
        catch (DirectoryFileException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
