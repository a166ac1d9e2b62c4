using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

/// <summary>The create form as posted: the API body's fields, with schools as ticks (or "all").</summary>
public sealed class NewActionInput
{
    public string? Title { get; set; }
    public string? Detail { get; set; }
    public int? PriorityId { get; set; }
    public string? ReviewArea { get; set; }
    public string? Priority { get; set; } = nameof(ActionPriority.Medium);
    public string? DueOn { get; set; }
    public string? OwnerRole { get; set; } = nameof(ActionOwnerRole.Headteacher);
    public bool AllSchools { get; set; }
    public List<string> Schools { get; set; } = [];

    public CreateActionRequest ToRequest() => new(Title, Detail, PriorityId, ReviewArea, Priority, DueOn, OwnerRole,
        AllSchools ? JsonSerializer.SerializeToElement("all") : JsonSerializer.SerializeToElement(Schools));
}

/// <summary>The SEND lead sets an action: the same rules as <c>POST /api/actions</c>, every problem shown by its field.</summary>
[Authorize(Policy = Policies.SendLead)]
public sealed class NewActionModel(CreateAction create, DirectoryService directory, StrategyPriorities priorities, CalendarService calendar, PersonResolver people) : PageModel
{
    [BindProperty]
    public NewActionInput Input { get; set; } = new();

    public IReadOnlyList<School> AllSchools { get; private set; } = [];
    public IReadOnlyList<StrategyPriorityInfo> CurrentPriorities { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var created = await create.CreateAsync(Input.ToRequest(), person, cancellationToken);
            return Redirect($"/actions/{created.Id}?created={created.Schools}&cards={created.CardsQueued}");
        }
        catch (ProblemException refusal)
        {
            ModelState.Clear();
            Message = refusal.Status == 400 ? "Nothing was saved. Please fix the problems below." : refusal.Detail ?? refusal.Title;
            Errors = refusal.Errors;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        AllSchools = await directory.ListSchoolsAsync(cancellationToken);
        CurrentPriorities = await priorities.ListCurrentAsync(cancellationToken);
        Today = calendar.Today();
    }
}
