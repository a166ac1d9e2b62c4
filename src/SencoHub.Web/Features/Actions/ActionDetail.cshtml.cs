using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>One action: what it asks, each visible school's status, acknowledgement and whole log, and what the viewer may do.</summary>
public sealed class ActionDetailModel(
    ReadActions read, AcknowledgeAction acknowledge, UpdateActionProgress update, WithdrawAction withdraw, PersonResolver people,
    IOptions<ScheduleOptions> schedule) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public ActionView Action { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    /// <summary>The school whose update form was refused, with what was typed and the problems.</summary>
    public string? FormSchool { get; private set; }
    public ProgressRequest? Typed { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(int id, int? created, int? cards, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (created is { } schools)
        {
            (Message, Succeeded) = ($"Action set for {Plural(schools, "school")}. {Plural(cards ?? 0, "card")} on the way in Teams.", true);
        }

        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(int id, string schoolId, CancellationToken cancellationToken) =>
        ActAsync(id, async person =>
        {
            var result = await acknowledge.AcknowledgeAsync(person, id, schoolId, cancellationToken);
            return result.Recorded ? "Thank you: your acknowledgement is recorded." : "This was already acknowledged; nothing more was recorded.";
        }, cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(int id, string schoolId, string? status, string? note, string? evidenceUrl, CancellationToken cancellationToken) =>
        ActAsync(id, async person =>
        {
            try
            {
                var result = await update.RecordAsync(person, id, schoolId, new ProgressRequest(status, note, evidenceUrl), cancellationToken);
                return result.Recorded ? "Your update is recorded." : "That update was already recorded; nothing more was added.";
            }
            catch (ProblemException refusal) when (refusal.Status == 400)
            {
                (FormSchool, Typed, Errors) = (schoolId, new ProgressRequest(status, note, evidenceUrl), refusal.Errors);
                throw;
            }
        }, cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(int id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, async person =>
        {
            await withdraw.WithdrawAsync(id, new WithdrawRequest(reason), person, cancellationToken);
            return "The action is withdrawn. Schools' cards now say so, and nobody is chased for it.";
        }, cancellationToken);

    public CardAudience AudienceFor(AssignmentView school) => CardAudience.For(Person, Action, school);

    public string[] ErrorsFor(string schoolId, string field) => FormSchool == schoolId && Errors.TryGetValue(field, out var messages) ? messages : [];

    public string Date(DateTimeOffset at) => UkDates.Format(at, schedule.Value.ResolveTimeZone());

    public string DateTime(DateTimeOffset at) => UkDates.FormatWithTime(at, schedule.Value.ResolveTimeZone());

    private async Task<IActionResult> ActAsync(int id, Func<SignedInPerson, Task<string>> act, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            (Message, Succeeded) = (await act(Person), true);
        }
        catch (ProblemException refusal)
        {
            (Message, Succeeded) = (refusal.Status == 400 ? "Nothing was saved. Please fix the problems below." : refusal.Detail ?? refusal.Title, false);
        }

        ModelState.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        Action = (await read.FindAsync(id, Person, cancellationToken))!;
        return Action is not null;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
