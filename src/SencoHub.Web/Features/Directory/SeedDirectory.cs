using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Storage;

namespace SencoHub.Web.Features.Directory;

/// <summary>On first start (no trust yet) imports the configured seed file or the bundled demo trust.
/// <c>store:PATH</c> reads it from the app's file store (Blob Storage in Azure), where the person who
/// deployed can put it without reaching the database.</summary>
public sealed partial class SeedDirectory(SencoHubDb db, ImportDirectory import, IOptions<DirectoryOptions> options, IFileStore files, ILogger<SeedDirectory> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<Trust>().AnyAsync(cancellationToken))
        {
            return;
        }

        var seedFile = options.Value.SeedFile;
        string json, source;
        if (string.IsNullOrWhiteSpace(seedFile))
        {
            json = ReadDemoTrust();
            source = "the bundled demo trust";
        }
        else if (seedFile.StartsWith(DirectoryOptions.StorePrefix, StringComparison.Ordinal))
        {
            json = await ReadFromStoreAsync(seedFile, cancellationToken);
            source = seedFile;
        }
        else if (File.Exists(seedFile))
        {
            json = await File.ReadAllTextAsync(seedFile, cancellationToken);
            source = seedFile;
        }
        else
        {
            throw new StartupException($"SencoHub:Directory:SeedFile points at '{seedFile}', which does not exist.");
        }

        try
        {
            var summary = await import.ImportAsync(json, cancellationToken: cancellationToken);
            if (string.IsNullOrWhiteSpace(seedFile))
            {
                await db.Set<Trust>().Where(t => t.Id == Trust.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsDemo, true), cancellationToken);
            }

            LogSeeded(logger, source, summary.ToString());
        }
        catch (DirectoryFileException ex)
        {
            throw new StartupException($"Could not import the trust directory from {source}.{Environment.NewLine}{ex.Message}");
        }
    }

    private async Task<string> ReadFromStoreAsync(string seedFile, CancellationToken cancellationToken)
    {
        var path = seedFile[DirectoryOptions.StorePrefix.Length..];
        try
        {
            FileStorePaths.Check(path);
        }
        catch (ArgumentException)
        {
            throw new StartupException($"SencoHub:Directory:SeedFile '{seedFile}' is not a file store path (lower-case letters, digits, '.', '-', '_' and '/').");
        }

        if (!await files.ExistsAsync(path, cancellationToken))
        {
            throw new StartupException($"SencoHub:Directory:SeedFile points at '{seedFile}', which does not exist yet: put the trust directory there (README, \"Load the trust directory\") and restart the app.");
        }

        await using var stream = await files.OpenReadAsync(path, cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public static string ReadDemoTrust()
    {
        using var stream = typeof(SeedDirectory).Assembly.GetManifestResourceStream("SencoHub.DemoTrust.json")
            ?? throw new InvalidOperationException("The demo trust is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the trust directory from {Source}: {Summary}")]
    private static partial void LogSeeded(ILogger logger, string source, string summary);
}
