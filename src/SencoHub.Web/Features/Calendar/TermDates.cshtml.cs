using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Calendar;

[Authorize(Policy = Policies.SendLead)]
public sealed class TermDatesModel(CalendarService calendar, ImportTermDates importTermDates, SencoHubDb db, TimeProvider clock) : PageModel
{
    private TermCalendar _terms = null!;

    public IReadOnlyList<HalfTerm> HalfTerms { get; private set; } = [];
    public IReadOnlyList<NonSchoolDay> NonSchoolDays { get; private set; } = [];
    public string SuggestedYear { get; private set; } = string.Empty;
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostHalfTermAsync(string? academicYear, HalfTermName name, DateOnly? start, DateOnly? end, CancellationToken cancellationToken)
    {
        academicYear = academicYear?.Trim() ?? string.Empty;
        if (!HalfTerm.IsValidAcademicYear(academicYear) || !Enum.IsDefined(name))
        {
            Fail("Enter the academic year like 2026-27 and choose a half-term.");
        }
        else if (start is null || end is null || end < start)
        {
            Fail("Enter a first day and a last day on or after it.");
        }
        else if (HalfTerm.AcademicYearOf(start.Value) != academicYear)
        {
            Fail($"{start:d MMM yyyy} is not in the academic year {academicYear}.");
        }
        else
        {
            await calendar.UpsertHalfTermsAsync([new HalfTermDates(academicYear, name, start.Value, end.Value)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            Succeed($"Saved {name.Display()} {academicYear}.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNonSchoolDayAsync(DateOnly? date, string? reason, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var text = TypedText.Line(errors, "reason", reason, NonSchoolDay.ReasonLength, "Enter a reason.");
        if (date is null)
        {
            Fail($"Enter a date and a reason of up to {NonSchoolDay.ReasonLength} characters.");
        }
        else if (errors.Count > 0)
        {
            Fail(errors["reason"][0]);
        }
        else
        {
            await calendar.UpsertNonSchoolDaysAsync([new NonSchoolDayEntry(date.Value, text)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            Succeed("Saved.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostIcsAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > ImportTermDates.MaxFileBytes)
        {
            Fail("Choose an .ics file of at most 1 MB.");
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            try
            {
                var result = await importTermDates.ImportAsync(await reader.ReadToEndAsync(cancellationToken), cancellationToken);
                var ignored = result.Ignored.Count == 0 ? string.Empty : $" Ignored {result.Ignored.Count} other event(s).";
                Succeed($"Imported {result.HalfTerms.Count} half-term(s) and {result.NonSchoolDays.Count} non-school day(s).{ignored}");
            }
            catch (TermDatesFileException ex)
            {
                Fail(ex.Message);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveHalfTermAsync(int id, CancellationToken cancellationToken)
    {
        await calendar.RemoveHalfTermAsync(id, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveNonSchoolDayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await calendar.RemoveNonSchoolDayAsync(date, cancellationToken);
        return RedirectToPage();
    }

    public int SchoolDaysIn(HalfTerm halfTerm) => _terms.SchoolDaysBetween(halfTerm.Start.AddDays(-1), halfTerm.End);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _terms = await calendar.LoadAsync(cancellationToken);
        HalfTerms = _terms.HalfTerms;
        NonSchoolDays = await calendar.ListNonSchoolDaysAsync(cancellationToken);
        SuggestedYear = HalfTerm.AcademicYearOf(_terms.LocalDate(clock.GetUtcNow()));
    }

    private void Fail(string message) => (Message, Succeeded) = (message, false);

    private void Succeed(string message) => (Message, Succeeded) = (message, true);
}
