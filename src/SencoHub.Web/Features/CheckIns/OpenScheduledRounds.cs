using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// Opens the current half-term's round on a school-day morning once it is within the configured
/// number of school days of the half-term's end, unless one exists (the SEND lead may have opened it).
/// </summary>
public sealed class OpenScheduledRounds(SencoHubDb db, CalendarService calendar, OpenCheckInRound open, IOptions<CheckInOptions> options) : IScheduledJob
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!options.Value.AutoOpen)
        {
            return;
        }

        if (await calendar.SchoolDayMorningAsync(now, cancellationToken) is not (var terms, var today))
        {
            return;
        }

        if (terms.HalfTermContaining(today) is not { } halfTerm
            || Window(terms, halfTerm, options.Value) is not { } window
            || today < window.OpensOn || today > window.ClosesOn
            || await db.Set<CheckInRound>().AnyAsync(r => r.AcademicYear == halfTerm.AcademicYear && r.HalfTerm == halfTerm.Name, cancellationToken))
        {
            return;
        }

        try
        {
            await open.OpenAsync(halfTerm.AcademicYear, halfTerm.Name.ToString(), window.ClosesOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Status == 409)
        {
            // Another instance, or the SEND lead, opened it a moment ago.
        }
    }

    /// <summary>When the automatic round for a half-term opens and closes; null when the calendar cannot say.</summary>
    public static (DateOnly OpensOn, DateOnly ClosesOn)? Window(TermCalendar terms, HalfTerm halfTerm, CheckInOptions options)
    {
        var opensOn = terms.AddSchoolDays(halfTerm.End, -options.OpenSchoolDaysBeforeEnd);
        var closesOn = options.CloseSchoolDaysBeforeEnd == 0 ? halfTerm.End : terms.AddSchoolDays(halfTerm.End, -options.CloseSchoolDaysBeforeEnd);
        return opensOn is { } o && closesOn is { } c && o >= halfTerm.Start && o <= c ? (o, c) : null;
    }
}
