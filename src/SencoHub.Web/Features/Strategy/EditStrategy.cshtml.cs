using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The SEND lead's editor: the draft (or a new one started from the current version), Markdown preview, save, publish.</summary>
[Authorize(Policy = Policies.SendLead)]
public sealed class EditStrategyModel(
    ReadStrategy read, CreateStrategyDraft create, EditStrategyDraft edit, PublishStrategy publish, PersonResolver people) : PageModel
{
    private const int BlankSlots = 1;

    [BindProperty]
    public EditorInput Input { get; set; } = new();

    public int Number { get; private set; }
    public StrategyVersionView? Current { get; private set; }
    public StrategyVersionView? Preview { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Current = await read.CurrentAsync(cancellationToken: cancellationToken);
        var draft = await read.DraftAsync(cancellationToken);
        var source = draft ?? Current;
        Input = source is null
            ? new EditorInput()
            : new EditorInput
            {
                DraftId = draft?.Id,
                Title = source.Title,
                Vision = source.Vision,
                Priorities = [.. source.Priorities.Select(p => new PriorityInput
                {
                    Key = p.Key, Title = p.Title, Description = p.Description, ReviewArea = p.ReviewArea.ToString(),
                    SuccessMeasures = p.SuccessMeasures, Owner = p.Owner, Timeframe = p.Timeframe,
                })],
            };
        Number = draft?.Number ?? (Current?.Number ?? 0) + 1;
        (Message, Succeeded) = saved ? ($"Draft of version {Number} saved. Nobody else sees it until you publish.", true) : (null, false);
        AddBlankSlots(Input.Priorities.Count == 0 ? 3 : BlankSlots);
    }

    public async Task OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var (request, rows) = Input.ToRequest();
        try
        {
            var content = StrategyContent.From(request);
            Preview = new StrategyVersionView(0, Number, content.Title, content.Vision, StrategyState.Draft, string.Empty, default, default,
                null, null, null, null,
                [.. content.Priorities.Select((p, i) => new StrategyPriorityView(0, p.Key ?? string.Empty, i, p.Title, p.Description, p.ReviewArea,
                    p.ReviewArea.Display(), p.SuccessMeasures, p.Owner, p.Timeframe))], null);
        }
        catch (ProblemException refusal)
        {
            Refused(refusal, rows);
        }

        AddBlankSlots(BlankSlots);
    }

    public async Task OnPostAddPriorityAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        AddBlankSlots(Input.Priorities.Count(p => p.IsBlank) + 1);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        if (await SaveAsync(person, cancellationToken) is null)
        {
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        if (await SaveAsync(person, cancellationToken) is not { } id)
        {
            return Page();
        }

        try
        {
            var result = await publish.PublishAsync(id, person, cancellationToken);
            return Redirect($"/strategy/acknowledgements/{result.Id}?published=true");
        }
        catch (ProblemException refusal)
        {
            await LoadAsync(cancellationToken);
            Refused(refusal, []);
            return Page();
        }
    }

    /// <summary>Saves the form as the draft (creating it if needed); null with the problems shown when refused.</summary>
    private async Task<int?> SaveAsync(SignedInPerson person, CancellationToken cancellationToken)
    {
        var (request, rows) = Input.ToRequest();
        try
        {
            if (Input.DraftId is { } draftId)
            {
                await edit.EditAsync(draftId, request, person, cancellationToken);
                return draftId;
            }

            // Remembered so that, if publishing is then refused, the next save edits this draft.
            Input.DraftId = (await create.CreateAsync(request, person, cancellationToken)).Id;
            return Input.DraftId;
        }
        catch (ProblemException refusal)
        {
            await LoadAsync(cancellationToken);
            Refused(refusal, rows);
            AddBlankSlots(BlankSlots);
            return null;
        }
    }

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = await read.CurrentAsync(cancellationToken: cancellationToken);
        var draft = await read.DraftAsync(cancellationToken);
        Number = draft?.Number ?? (Current?.Number ?? 0) + 1;
        ModelState.Clear();
    }

    /// <summary>Shows the refusal; errors on <c>priorities[i]</c> are moved to the form row they came from (blank rows are skipped when sending).</summary>
    private void Refused(ProblemException refusal, IReadOnlyList<int> rows)
    {
        (Message, Succeeded) = (refusal.Status == 400 ? "Nothing was saved. Please fix the problems below." : refusal.Detail ?? refusal.Title, false);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in refusal.Errors)
        {
            var key = field;
            if (field.StartsWith("priorities[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is > 11 and var close
                && int.TryParse(field[11..close], out var index) && index < rows.Count)
            {
                key = $"priorities[{rows[index]}]{field[(close + 1)..]}";
            }

            errors[key] = messages;
        }

        Errors = errors;
    }

    private void AddBlankSlots(int wanted)
    {
        var blanks = Input.Priorities.Count(p => p.IsBlank);
        for (var i = blanks; i < wanted && Input.Priorities.Count < StrategyLimits.MaxPriorities; i++)
        {
            Input.Priorities.Add(new PriorityInput());
        }
    }
}
