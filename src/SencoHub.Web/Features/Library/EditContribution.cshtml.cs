using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>The SEND lead corrects a waiting contribution's description before deciding on it.</summary>
public sealed class EditContributionModel(ReadLibrary read, ReviewContribution review, DirectoryService directory, PersonResolver people) : PageModel
{
    public ContributionView Contribution { get; private set; } = null!;
    public ResourceMetadataInput Input { get; private set; } = new();
    public IReadOnlyList<School> Schools { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var c = Contribution;
        Input = new ResourceMetadataInput
        {
            Title = c.Title, Summary = c.Summary, Category = c.Category.ToString(), ReviewAreas = [.. c.ReviewAreas.Select(a => a.ToString())],
            NeedAreas = [.. c.NeedAreas.Select(n => n.ToString())], Phases = c.Phases, Audiences = c.Audiences, School = c.School?.Id,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? title, string? summary, string? category, string[]? reviewAreas, string[]? needAreas,
        string[]? phases, string[]? audiences, string? school, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = new ResourceMetadataInput
        {
            Title = title, Summary = summary, Category = category, ReviewAreas = reviewAreas ?? [], NeedAreas = needAreas ?? [],
            Phases = phases ?? [], Audiences = audiences ?? [], School = string.IsNullOrEmpty(school) ? null : school,
        };
        try
        {
            await review.EditAsync(id, Input, (await people.GetAsync(User, cancellationToken))!, cancellationToken);
            return Redirect("/library/contributions");
        }
        catch (ProblemException refusal)
        {
            Errors = refusal.Errors.Count > 0 ? refusal.Errors : new Dictionary<string, string[]> { ["form"] = [refusal.Detail ?? refusal.Title] };
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    public bool Has(IReadOnlyList<string>? chosen, string value) => chosen?.Contains(value, StringComparer.OrdinalIgnoreCase) == true;

    public string? Error(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } messages ? string.Join(" ", messages) : null;

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        if (!person.IsSendLead)
        {
            return Forbid();
        }

        var contribution = await read.FindContributionAsync(id, person, cancellationToken);
        if (contribution is not { State: ContributionState.Pending })
        {
            return NotFound();
        }

        Contribution = contribution;
        Schools = await directory.ListSchoolsAsync(cancellationToken);
        return null;
    }
}
