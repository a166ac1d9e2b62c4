using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Library reads wait here while the demo library is being written, so nobody ever sees it half
/// there; otherwise it is open at once.
/// </summary>
public sealed class LibraryReadiness
{
    private volatile Task _ready = Task.CompletedTask;

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.IsCompleted ? Task.CompletedTask : _ready.WaitAsync(cancellationToken);

    internal void Until(Task work) => _ready = work;
}

/// <summary>
/// The bundled demo trust (and no other trust) starts with a living library: a dozen resources
/// written as real .docx, .xlsx and .pdf files at first start. Writing them takes a moment, so it
/// happens in the background after the check here; <see cref="LibraryReadiness"/> holds library
/// reads until it is done. All of it is saved in one transaction: it is all there or none of it is.
/// </summary>
public sealed partial class SeedDemoLibrary(
    SencoHubDb db, DirectoryService directory, IServiceScopeFactory scopes, LibraryReadiness readiness, IOptions<LibraryOptions> options,
    IHostApplicationLifetime lifetime, ILogger<SeedDemoLibrary> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoLibrary
            || await db.Set<LibrarySettings>().AnyAsync(s => s.DemoSeededAt != null, cancellationToken)
            || await db.Set<LibraryResource>().AnyAsync(cancellationToken)
            || !await directory.IsDemoTrustAsync(cancellationToken))
        {
            return;
        }

        readiness.Until(Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DemoLibraryWriter>().WriteAsync(lifetime.ApplicationStopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The library opens empty rather than never; the next start tries again.
                LogFailed(logger, ex);
            }
        }, CancellationToken.None));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the demo library; it will be tried again at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Writes the demo library's files to the library store, then every resource and its search document in one transaction.</summary>
public sealed partial class DemoLibraryWriter(
    SencoHubDb db, IResourceStore store, LibraryIndex index, DirectoryService directory, CalendarService calendar, TimeProvider clock, ILogger<DemoLibraryWriter> logger)
{
    private const string Curator = "SencoHub demo library";

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var schools = await directory.ListSchoolsAsync(cancellationToken);
        var stored = new List<(DemoResource Demo, StoredContent Content)>();
        try
        {
            foreach (var demo in DemoLibrary.Resources)
            {
                var bytes = Render(demo);
                var extension = Path.GetExtension(demo.FileName).TrimStart('.');
                using var content = new MemoryStream(bytes, writable: false);
                var metadata = Metadata(demo, schools);
                stored.Add((demo, await store.SaveAsync(new ResourceUpload(demo.FileName, UploadRules.ContentTypeOf(extension), bytes.Length,
                    Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), content,
                    new ResourceFields(metadata, today.AddMonths(-demo.ReviewedMonthsAgo))), cancellationToken)));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var resources = stored.Select(s => (s.Demo, Resource: LibraryResource.Publish(Metadata(s.Demo, schools),
                ResourceVersion.ForFile(s.Content, null, Curator, null, now), today.AddMonths(-s.Demo.ReviewedMonthsAgo), Curator, now))).ToList();
            db.AddRange(resources.Select(r => r.Resource));
            var settings = await db.Set<LibrarySettings>().FirstOrDefaultAsync(s => s.Id == LibrarySettings.SingletonId, cancellationToken);
            if (settings is null)
            {
                db.Add(settings = new LibrarySettings());
            }

            settings.DemoSeededAt = now;
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (demo, resource) in resources)
            {
                await index.WriteAsync(resource, IndexText(demo), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogWritten(logger, resources.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch
        {
            foreach (var (_, content) in stored)
            {
                await store.DeleteAsync(content, CancellationToken.None);
            }

            throw;
        }
    }

    public static byte[] Render(DemoResource demo) => Path.GetExtension(demo.FileName) switch
    {
        ".xlsx" => DemoDocuments.Excel(demo.Title, "Sheet1", demo.SheetHeadings!, demo.SheetRows!),
        ".pdf" => DemoDocuments.Pdf(demo.Title, demo.Blocks),
        _ => DemoDocuments.Word(demo.Title, demo.Blocks),
    };

    public static string IndexText(DemoResource demo) =>
        DemoDocuments.Text(demo.Title, demo.Blocks) + " " + string.Join(' ', (demo.SheetHeadings ?? []).Concat((demo.SheetRows ?? []).SelectMany(r => r)));

    private static ResourceMetadata Metadata(DemoResource demo, IReadOnlyList<School> schools) =>
        new(demo.Title, demo.Summary, demo.Category, demo.ReviewAreas, demo.NeedAreas, demo.Phases, demo.Audiences,
            demo.FromPhase is { } phase ? schools.FirstOrDefault(s => s.Phase == phase)?.Id : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the demo library: {Count} resources in {Milliseconds:0} ms")]
    private static partial void LogWritten(ILogger logger, int count, double milliseconds);
}
