using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>My actions: a school's open parts most urgent first (every school for the SEND lead and trustees), then what is finished.</summary>
public sealed class ActionsModel(ReadActions read, PersonResolver people, IOptions<ScheduleOptions> schedule) : PageModel
{
    private const int FinishedShown = 20;

    public SignedInPerson Person { get; private set; } = null!;
    public string Heading { get; private set; } = string.Empty;
    public IReadOnlyList<(ActionView Action, AssignmentView School)> Open { get; private set; } = [];
    public IReadOnlyList<(ActionView Action, AssignmentView School)> Finished { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        Heading = Person.HasTrustWideRead ? "Open actions, every school" : "My school's actions";
        var parts = (await read.ListAsync(Person, ActionFilter.None, cancellationToken))
            .SelectMany(a => a.Schools.Select(s => (Action: a, School: s))).ToList();
        Open = [.. parts.Where(p => p.Action.State != ActionState.Withdrawn && p.School.Status != AssignmentStatus.Done)
            .OrderByDescending(p => p.School.Overdue).ThenBy(p => p.Action.DueOn).ThenBy(p => p.Action.Priority).ThenBy(p => p.School.SchoolName)];
        Finished = [.. parts.Where(p => p.Action.State == ActionState.Withdrawn || p.School.Status == AssignmentStatus.Done)
            .OrderByDescending(p => p.Action.DueOn).Take(FinishedShown)];
    }

    public string Date(DateTimeOffset at) => UkDates.Format(at, schedule.Value.ResolveTimeZone());
}
