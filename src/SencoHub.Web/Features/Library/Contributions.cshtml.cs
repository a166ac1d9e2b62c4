using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>The SEND lead's approval queue (preview, approve, reject with a reason); anyone else sees their own contributions.</summary>
public sealed class ContributionsModel(ReadLibrary read, ReviewContribution review, PersonResolver people, IOptions<ScheduleOptions> schedule) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public IReadOnlyList<ContributionView> Pending { get; private set; } = [];
    public IReadOnlyList<ContributionView> Decided { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }
    public int? RejectingId { get; private set; }
    public string? RejectionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? submitted, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (submitted is { } id && Pending.Any(c => c.Id == id))
        {
            (Message, Succeeded) = ("Thank you: your contribution is waiting for the SEND lead's approval.", true);
        }

        return Page();
    }

    /// <summary>A waiting contribution's file, for the SEND lead's preview (and the contributor's).</summary>
    public async Task<IActionResult> OnGetContentAsync(int id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var content = await read.OpenContributionAsync(id, Person, cancellationToken);
            return content.Link is { } link ? Redirect(link) : File(content.Stream!, content.ContentType!, content.FileName);
        }
        catch (ProblemException refusal) when (refusal.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(async person =>
        {
            var published = await review.ApproveAsync(id, null, person, cancellationToken);
            return $"Approved: “{published.Resource.Title}” is in the library.";
        }, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(int id, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(async person =>
        {
            try
            {
                var rejected = await review.RejectAsync(id, new RejectRequest(reason), person, cancellationToken);
                return $"Rejected “{rejected.Title}”; the contributor has been told why.";
            }
            catch (ProblemException refusal) when (refusal.Errors.ContainsKey("reason"))
            {
                (RejectingId, RejectionError) = (id, string.Join(" ", refusal.Errors["reason"]));
                throw;
            }
        }, cancellationToken);

    public string Date(DateTimeOffset instant) => UkDates.Format(instant, schedule.Value.ResolveTimeZone());

    private async Task<IActionResult> DecideAsync(Func<SignedInPerson, Task<string>> decide, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        if (!Person.IsSendLead)
        {
            return Forbid();
        }

        try
        {
            (Message, Succeeded) = (await decide(Person), true);
        }
        catch (ProblemException refusal)
        {
            (Message, Succeeded) = (refusal.Errors.Count > 0 ? string.Join(" ", refusal.Errors.SelectMany(e => e.Value)) : refusal.Detail ?? refusal.Title, false);
            Response.StatusCode = refusal.Status;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Person is null)
        {
            Person = (await people.GetAsync(User, cancellationToken))!;
        }

        var all = await read.ContributionsAsync(Person, null, cancellationToken);
        Pending = [.. all.Where(c => c.State == ContributionState.Pending)];
        Decided = [.. all.Where(c => c.State != ContributionState.Pending)];
    }
}
