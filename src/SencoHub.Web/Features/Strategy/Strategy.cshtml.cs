using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The strategy tab for everyone: the current (or a chosen) version, what it changed, and every version.</summary>
public sealed class StrategyModel(
    ReadStrategy read, AcknowledgeStrategy acknowledge, PersonResolver people, DirectoryService directory, IOptions<ScheduleOptions> schedule) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public StrategyVersionView? Version { get; private set; }
    public StrategyVersionView? Current { get; private set; }
    public IReadOnlyList<StrategyVersionSummary> Versions { get; private set; } = [];
    public bool HasDraft { get; private set; }
    public IReadOnlyList<string> HeadteacherSchools { get; private set; } = [];
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        return id is not null && Version is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(int versionId, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var result = await acknowledge.AcknowledgeAsync(Person, versionId, cancellationToken);
            (Message, Succeeded) = result.Superseded
                ? ("That version has been superseded; here is the current one.", false)
                : ("Thank you: your acknowledgement is recorded.", true);
        }
        catch (ProblemException refusal)
        {
            (Message, Succeeded) = (refusal.Detail ?? refusal.Title, false);
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    public string Date(DateTimeOffset? instant) => instant is { } at ? UkDates.Format(at, schedule.Value.ResolveTimeZone()) : string.Empty;

    private async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        Current = await read.CurrentAsync(withChanges: true, cancellationToken);
        Version = id is { } chosen ? await read.FindAsync(chosen, Person, withChanges: true, cancellationToken) : Current;
        Versions = await read.ListAsync(Person, cancellationToken);
        HasDraft = Versions.Any(v => v.State == StrategyState.Draft);
        var schools = Person.SchoolsWhere(Role.Headteacher);
        if (schools.Count > 0 && Version is { State: StrategyState.Published } shown)
        {
            HeadteacherSchools = [.. (await directory.ListSchoolsAsync(cancellationToken)).Where(s => schools.Contains(s.Id)).Select(s => s.Name)];
            AcknowledgedAt = await acknowledge.AcknowledgedAtAsync(Person, shown.Id, cancellationToken);
        }
    }
}
