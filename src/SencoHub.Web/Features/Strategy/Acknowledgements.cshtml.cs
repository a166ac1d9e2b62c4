using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The acknowledgement board: school × headteacher for a published version, outstanding highlighted, and "Nudge now" for the SEND lead.</summary>
[Authorize(Policy = Policies.TrustWideRead)]
public sealed class AcknowledgementsModel(
    ReadStrategy read, ListAcknowledgements list, NudgeHeadteachers nudge, PersonResolver people, IOptions<ScheduleOptions> schedule) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public AcknowledgementBoard? Board { get; private set; }
    public IReadOnlyList<StrategyVersionSummary> Versions { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool published, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (published && Board is not null)
        {
            (Message, Succeeded) = ($"Version {Board.Number} is published. Every headteacher and SENCO is getting it in Teams; headteachers' acknowledgements appear here.", true);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostNudgeAsync(int id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var result = await nudge.NowAsync(id, Person, cancellationToken);
            (Message, Succeeded) = (result.Reminded.Count, result.AlreadyRemindedToday) switch
            {
                (0, 0) => ("Nobody is outstanding: there was no one to remind.", true),
                (0, var already) => ($"Everyone outstanding ({already}) has already been reminded today; nothing more was sent.", true),
                (var count, _) => ($"Reminded {count} headteacher{(count == 1 ? string.Empty : "s")}: {string.Join(", ", result.Reminded)}.", true),
            };
        }
        catch (ProblemException refusal)
        {
            (Message, Succeeded) = (refusal.Detail ?? refusal.Title, false);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public string Date(DateTimeOffset instant) => UkDates.Format(instant, schedule.Value.ResolveTimeZone());

    private async Task<bool> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        Versions = [.. (await read.ListAsync(Person, cancellationToken)).Where(v => v.State != StrategyState.Draft)];
        var versionId = id ?? Versions.FirstOrDefault(v => v.State == StrategyState.Published)?.Id;
        if (versionId is null)
        {
            return id is null;
        }

        try
        {
            Board = await list.BoardAsync(versionId.Value, Person, cancellationToken);
            return true;
        }
        catch (ProblemException refusal) when (refusal.Status is 404 or 409)
        {
            return false;
        }
    }
}
