using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Export;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The tracker as a spreadsheet: one row per school part of each action the viewer may see, with the
/// same filters as the list. Dates and times are real dates in the XLSX.
/// </summary>
public sealed class ExportActions(ReadActions read, CalendarService calendar, IOptions<ScheduleOptions> schedule)
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Action id", "Action", "Review area", "Strategy priority", "Priority", "Due", "Owner", "Action state", "School", "Status", "Overdue",
        "Acknowledged by", "Acknowledged at", "Last update at", "Latest note", "Latest evidence", "Set by", "Set at",
    ];

    public async Task<ExportFile> ExportAsync(SignedInPerson viewer, string? format, ActionFilter filter, CancellationToken cancellationToken = default)
    {
        var kind = ExportFile.ParseFormat(format);
        var rows = Rows(await read.ListAsync(viewer, filter, cancellationToken)).ToList();
        return ExportFile.From(new ExportTable(Headers, rows), kind, $"sencohub-actions-{calendar.Today():yyyy-MM-dd}", "Actions");
    }

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
}
