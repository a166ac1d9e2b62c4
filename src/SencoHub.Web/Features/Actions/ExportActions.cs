using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The tracker as a spreadsheet: one row per school part of each action the viewer may see, with the
/// same filters as the list. CSV (formula-looking cells escaped) or XLSX (real dates, no formulas).
/// </summary>
public sealed class ExportActions(ReadActions read, CalendarService calendar, IOptions<ScheduleOptions> schedule)
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Headers =
    [
        "Action id", "Action", "Review area", "Strategy priority", "Priority", "Due", "Owner", "Action state", "School", "Status", "Overdue",
        "Acknowledged by", "Acknowledged at", "Last update at", "Latest note", "Latest evidence", "Set by", "Set at",
    ];

    public async Task<ExportFile> ExportAsync(SignedInPerson viewer, string? format, ActionFilter filter, CancellationToken cancellationToken = default)
    {
        var kind = format?.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            throw ProblemException.Invalid("format", "Choose the format: csv or xlsx.");
        }

        var rows = Rows(await read.ListAsync(viewer, filter, cancellationToken)).ToList();
        var name = $"sencohub-actions-{calendar.Today():yyyy-MM-dd}.{kind}";
        return kind == "csv"
            ? new ExportFile(Csv(rows), CsvType, name)
            : new ExportFile(ActionsSpreadsheet.Write("Actions", Headers, rows), XlsxType, name);
    }

    /// <summary>Typed cells: text, whole numbers, dates (<see cref="DateOnly"/>) and local date-times (<see cref="DateTime"/>).</summary>
    private IEnumerable<object?[]> Rows(IEnumerable<ActionView> actions)
    {
        var zone = schedule.Value.ResolveTimeZone();
        DateTime? Local(DateTimeOffset? at) => at is { } instant ? TimeZoneInfo.ConvertTime(instant, zone).DateTime : null;
        foreach (var action in actions)
        {
            foreach (var school in action.Schools)
            {
                yield return
                [
                    action.Id, action.Title, action.ReviewAreaName, action.StrategyPriority?.Title, action.Priority.ToString(), action.DueOn,
                    action.OwnerRole.Display(), action.State.ToString(), school.SchoolName, school.Status.Display(), school.Overdue ? "Yes" : "No",
                    school.AcknowledgedBy, Local(school.AcknowledgedAt), Local(school.LastUpdateAt), school.LatestUpdate?.Note is { Length: > 0 } note ? note : null,
                    school.LatestUpdate?.EvidenceUrl, action.CreatedBy, Local(action.CreatedAt),
                ];
            }
        }
    }

    private static byte[] Csv(IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        // A byte-order mark, so Excel reads the UTF-8 (names with accents) right.
        stream.Write(System.Text.Encoding.UTF8.Preamble);
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord([.. Headers]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. row.Select(Text)]);
            }
        }

        return stream.ToArray();
    }

    /// <summary>How a cell reads as text: the CSV, and what the tests compare the XLSX against.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}
