using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>The check-ins tab: rounds, a round's results, and the SEND lead's open, nudge, close and export.</summary>
public sealed class CheckInsModel(PersonResolver people, ListCheckInRounds list, GetCheckInResults getResults, CalendarService calendar,
    IOptions<CheckInOptions> options, TimeProvider clock) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public bool CanRead { get; private set; }
    public IReadOnlyList<RoundListItem> Rounds { get; private set; } = [];
    public CheckInResults? Results { get; private set; }
    public TrendChart? TrustChart { get; private set; }
    public SchoolTrend? School { get; private set; }
    public TrendChart? SchoolChart { get; private set; }
    public HalfTerm? SuggestedHalfTerm { get; private set; }
    public DateOnly? SuggestedClosesOn { get; private set; }
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool Succeeded { get; set; }

    public async Task OnGetAsync(int? round, string? school, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        CanRead = CheckInQueries.CanReadCheckIns(Person);
        var terms = await calendar.LoadAsync(cancellationToken);
        Today = terms.LocalDate(clock.GetUtcNow());
        if (!CanRead)
        {
            return;
        }

        Rounds = await list.ListAsync(Person, cancellationToken);
        if (Person.IsSendLead)
        {
            SuggestOpening(terms);
        }

        var selected = Rounds.FirstOrDefault(r => r.Id == round) ?? Rounds.FirstOrDefault(r => r.IsOpen) ?? Rounds.FirstOrDefault();
        if (selected is null)
        {
            return;
        }

        Results = await getResults.GetAsync(selected.Id, Person, cancellationToken);
        var trends = Results.Trends;
        if (Person.HasTrustWideRead && trends.Schools.Count > 1)
        {
            TrustChart = TrendChart.Build(trends.Rounds, trends.TrustAverage, trends.MaxPoint);
        }

        School = trends.Schools.FirstOrDefault(s => s.SchoolId == school) ?? (Person.HasTrustWideRead ? null : trends.Schools.FirstOrDefault());
        if (School is not null)
        {
            SchoolChart = TrendChart.Build(trends.Rounds, School.Areas, trends.MaxPoint);
        }
    }

    public async Task<IActionResult> OnPostOpenAsync(string? academicYear, string? halfTerm, string? closesOn, [FromServices] OpenCheckInRound open, CancellationToken cancellationToken) =>
        await SendLeadActionAsync(async person =>
        {
            var opened = await open.OpenAsync(academicYear, halfTerm, closesOn, person, cancellationToken);
            var missing = opened.SchoolsWithoutSenco.Count == 0 ? string.Empty : $" No SENCO is in the directory for: {string.Join(", ", opened.SchoolsWithoutSenco)}.";
            return (opened.Round.Id, $"Opened {opened.Round.DisplayName}: {opened.CardsQueued} cards are on their way to SENCOs.{missing}");
        }, cancellationToken);

    public async Task<IActionResult> OnPostNudgeAsync(int round, [FromServices] NudgeCheckIns nudge, CancellationToken cancellationToken) =>
        await SendLeadActionAsync(async person =>
        {
            var outcome = await nudge.NudgeAsync(round, person, cancellationToken);
            var when = outcome.SendsAt is { } at ? $" They will go at the start of the next school day, {Platform.Web.UkDates.FormatWithTime(at, calendar.TimeZone)}." : string.Empty;
            var already = outcome.AlreadyRemindedThatDay > 0 ? $" {outcome.AlreadyRemindedThatDay} had already been reminded that day." : string.Empty;
            return (round, $"Nudged {outcome.Queued} SENCO(s) of {outcome.SchoolsOutstanding} school(s) that have not answered.{already}{when}");
        }, cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(int round, [FromServices] CloseCheckInRound close, CancellationToken cancellationToken) =>
        await SendLeadActionAsync(async person =>
        {
            var closed = await close.CloseAsync(round, person, cancellationToken);
            return (round, $"Closed {closed.DisplayName}. The summary is on its way to the SENCO network channel.");
        }, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(int? round, string? format, [FromServices] ExportCheckIns export, CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var file = await export.ExportAsync(round, format, person, cancellationToken);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (ProblemException refusal)
        {
            return StatusCode(refusal.Status);
        }
    }

    public static string Signed(int? change) => change switch
    {
        null => "–",
        > 0 => "+" + Number(change.Value),
        0 => "no change",
        _ => "−" + Number(-change.Value),
    };

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Decimal(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    private async Task<IActionResult> SendLeadActionAsync(Func<SignedInPerson, Task<(int Round, string Message)>> action, CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        if (!person.IsSendLead)
        {
            return Forbid();
        }

        int? round = null;
        try
        {
            (round, Message) = await action(person);
            Succeeded = true;
        }
        catch (ProblemException refusal)
        {
            Message = refusal.Detail ?? refusal.Title;
            Succeeded = false;
        }

        return RedirectToPage(new { round });
    }

    private void SuggestOpening(TermCalendar terms)
    {
        SuggestedHalfTerm = terms.HalfTerms.FirstOrDefault(h => h.End >= Today && !Rounds.Any(r => r.AcademicYear == h.AcademicYear && r.HalfTerm == h.Name.ToString()));
        if (SuggestedHalfTerm is not null)
        {
            var window = OpenScheduledRounds.Window(terms, SuggestedHalfTerm, options.Value);
            SuggestedClosesOn = window?.ClosesOn is { } closes && closes >= Today ? closes : SuggestedHalfTerm.End;
        }
    }
}
