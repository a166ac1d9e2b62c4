using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The SEND lead's tracker: schools (rows) by actions (columns) with status and acknowledgement, the same
/// actions by strategy priority, what is overdue, filters, and the export of what is shown.
/// </summary>
[Authorize(Policy = Policies.TrustWideRead)]
public sealed class TrackerModel(
    ReadActions read, ExportActions export, DirectoryService directory, StrategyPriorities priorities, PersonResolver people, IOptions<ScheduleOptions> schedule) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PriorityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReviewArea { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

    /// <summary>open (the default), closed, withdrawn or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    public SignedInPerson Person { get; private set; } = null!;
    public IReadOnlyList<ActionView> Actions { get; private set; } = [];
    public IReadOnlyList<School> Schools { get; private set; } = [];
    public IReadOnlyList<School> AllSchools { get; private set; } = [];
    public IReadOnlyList<StrategyPriorityInfo> CurrentPriorities { get; private set; } = [];
    public string? Problem { get; private set; }

    public bool Filtered => School is not null || Status is not null || Overdue || PriorityId is not null || ReviewArea is not null || Priority is not null
        || (Show is not null && Show != "open");

    public IEnumerable<(string Heading, IReadOnlyList<ActionView> Actions)> ByStrategyPriority() =>
        Actions.GroupBy(a => a.StrategyPriority?.Title)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key ?? "Not linked to a strategy priority", (IReadOnlyList<ActionView>)[.. g]));

    public IReadOnlyList<(ActionView Action, AssignmentView School)> OverdueParts =>
        [.. Actions.SelectMany(a => a.Schools.Where(s => s.Overdue).Select(s => (a, s))).OrderBy(p => p.a.DueOn).ThenBy(p => p.s.SchoolName)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        AllSchools = await directory.ListSchoolsAsync(cancellationToken);
        CurrentPriorities = await priorities.ListCurrentAsync(cancellationToken);
        try
        {
            Actions = await read.ListAsync(Person, Filter(), cancellationToken);
        }
        catch (ProblemException refusal)
        {
            Problem = refusal.Detail ?? refusal.Title;
        }

        Schools = School is null ? AllSchools : [.. AllSchools.Where(s => s.Id == School)];
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var file = await export.ExportAsync(Person, format, Filter(), cancellationToken);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (ProblemException refusal) when (refusal.Status == 400)
        {
            return BadRequest(refusal.Detail ?? refusal.Title);
        }
    }

    public string ExportLink(string format)
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = "Export", ["format"] = format, ["school"] = School, ["status"] = Status, ["overdue"] = Overdue ? "true" : null,
            ["priorityId"] = PriorityId?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reviewArea"] = ReviewArea, ["priority"] = Priority, ["show"] = Show,
        };
        return QueryHelpers.AddQueryString("/actions/tracker", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public string Date(DateTimeOffset at) => UkDates.Format(at, schedule.Value.ResolveTimeZone());

    private ActionFilter Filter()
    {
        School = string.IsNullOrWhiteSpace(School) ? null : School;
        Status = string.IsNullOrWhiteSpace(Status) ? null : Status;
        ReviewArea = string.IsNullOrWhiteSpace(ReviewArea) ? null : ReviewArea;
        Priority = string.IsNullOrWhiteSpace(Priority) ? null : Priority;
        var state = Show?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => "Open",
            "all" => null,
            var other => other,
        };
        return new ActionQuery(School, Status, Overdue, PriorityId, ReviewArea, Priority, state).ToFilter();
    }
}
