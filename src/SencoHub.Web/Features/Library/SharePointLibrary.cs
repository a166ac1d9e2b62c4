using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>The ids Graph knows the configured library by.</summary>
public sealed record SharePointLibraryIds(string SiteId, string DriveId, string ListId);

/// <summary>
/// Finds the configured site and document library once (site by path, drive by title, its list) and
/// makes sure SencoHub's metadata columns exist on that list, then keeps the ids for the app's life.
/// A failure is not kept: the next call tries again.
/// </summary>
public sealed partial class SharePointLibrary(GraphClients graph, IOptions<LibraryOptions> options, ILogger<SharePointLibrary> logger)
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private SharePointLibraryIds? _ids;

    public async Task<SharePointLibraryIds> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_ids is { } known)
        {
            return known;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            return _ids ??= await FindAsync(cancellationToken);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<SharePointLibraryIds> FindAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.SharePoint;
        if (!SharePointLibraryOptions.TryParseSite(settings.SiteUrl, out var host, out var path))
        {
            throw new InvalidOperationException("SencoHub:Library:SharePoint:SiteUrl is not a SharePoint site address.");
        }

        var client = graph.Client;
        var site = await client.Sites[$"{host}:{path}"].GetAsync(cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"SharePoint site {settings.SiteUrl} was not found.");
        Drive? drive;
        if (string.IsNullOrWhiteSpace(settings.LibraryName))
        {
            drive = await client.Sites[site.Id].Drive.GetAsync(cancellationToken: cancellationToken);
        }
        else
        {
            var drives = await client.Sites[site.Id].Drives.GetAsync(cancellationToken: cancellationToken);
            drive = drives?.Value?.FirstOrDefault(d => string.Equals(d.Name, settings.LibraryName.Trim(), StringComparison.OrdinalIgnoreCase));
        }

        if (drive?.Id is null)
        {
            throw new InvalidOperationException($"The SharePoint site {settings.SiteUrl} has no document library called '{settings.LibraryName}'.");
        }

        var list = await client.Drives[drive.Id].List.GetAsync(cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException("The document library has no list.");
        var ids = new SharePointLibraryIds(site.Id!, drive.Id, list.Id!);
        await EnsureColumnsAsync(ids, cancellationToken);
        return ids;
    }

    private async Task EnsureColumnsAsync(SharePointLibraryIds ids, CancellationToken cancellationToken)
    {
        var columns = graph.Client.Sites[ids.SiteId].Lists[ids.ListId].Columns;
        var existing = (await columns.GetAsync(cancellationToken: cancellationToken))?.Value?.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var column in SharePointColumns.Definitions().Where(c => !existing.Contains(c.Name!)))
        {
            await columns.PostAsync(column, cancellationToken: cancellationToken);
            LogColumnCreated(logger, column.Name!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created SharePoint column {Column} on the library")]
    private static partial void LogColumnCreated(ILogger logger, string column);
}

/// <summary>
/// SencoHub's columns on the library's list and the text in them. Choices are shown by their display
/// names ("Training pack"); read back, either the display name or the enum name is understood.
/// </summary>
public static class SharePointColumns
{
    public const string Title = "Title";
    public const string Summary = "SencoSummary";
    public const string Category = "SencoCategory";
    public const string ReviewAreas = "SencoReviewAreas";
    public const string NeedAreas = "SencoNeedAreas";
    public const string Phases = "SencoPhases";
    public const string Audiences = "SencoAudiences";
    public const string School = "SencoSchool";
    public const string LastReviewed = "SencoLastReviewed";

    /// <summary>SharePoint's own version label of the item (e.g. "3.0"), also the id of its driveItemVersion.</summary>
    public const string Version = "_UIVersionString";

    public static IEnumerable<ColumnDefinition> Definitions()
    {
        yield return Text(Summary, "Summary", multipleLines: true);
        yield return Choice(Category, "Category", Enum.GetValues<ResourceCategory>().Select(c => c.Display()), multiple: false);
        yield return Choice(ReviewAreas, "Review areas", Enum.GetValues<ReviewArea>().Select(a => a.Display()), multiple: true);
        yield return Choice(NeedAreas, "Areas of need", Enum.GetValues<NeedArea>().Select(a => a.Display()), multiple: true);
        yield return Choice(Phases, "Phases", Enum.GetValues<SchoolPhase>().Select(p => p.Display()), multiple: true);
        yield return Choice(Audiences, "Audiences", Enum.GetValues<Role>().Select(r => r.Display()), multiple: true);
        yield return Text(School, "School", multipleLines: false);
        yield return new ColumnDefinition { Name = LastReviewed, DisplayName = "Last reviewed", DateTime = new DateTimeColumn { Format = "dateOnly" } };
    }

    /// <summary>The enum name for a choice's text (display or enum name), or the text itself for the checks to refuse.</summary>
    public static string FromChoice<TEnum>(string text, Func<TEnum, string> display) where TEnum : struct, Enum
    {
        var trimmed = text.Trim();
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(display(value), trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return value.ToString();
            }
        }

        return text;
    }

    private static ColumnDefinition Text(string name, string displayName, bool multipleLines) =>
        new() { Name = name, DisplayName = displayName, Text = new TextColumn { AllowMultipleLines = multipleLines, MaxLength = multipleLines ? null : 255 } };

    // Only filterable choices are indexed, so filtering stays safe past the list-view threshold.
    private static ColumnDefinition Choice(string name, string displayName, IEnumerable<string> choices, bool multiple) => new()
    {
        Name = name,
        DisplayName = displayName,
        Indexed = !multiple,
        Choice = new ChoiceColumn { AllowTextEntry = false, Choices = [.. choices], DisplayAs = multiple ? "checkBoxes" : "dropDownMenu" },
    };
}
