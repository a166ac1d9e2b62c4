using System.Text.RegularExpressions;
using Ical.Net.CalendarComponents;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Calendar;

public sealed record TermDatesImportResult(
    IReadOnlyList<HalfTermDates> HalfTerms, IReadOnlyList<NonSchoolDayEntry> NonSchoolDays, IReadOnlyList<string> Ignored);

/// <summary>The .ics file was refused; nothing was imported.</summary>
public sealed class TermDatesFileException(string message) : Exception(message);

/// <summary>
/// Imports a local authority or trust term-dates calendar (.ics). Events named after a half-term
/// ("Autumn 1", "Spring Term 2", "Summer first half") become half-terms; INSET days, bank
/// holidays and closures inside them become non-school days. Anything else is listed as ignored.
/// </summary>
public sealed partial class ImportTermDates(SencoHubDb db, CalendarService calendar)
{
    public const int MaxFileBytes = 1024 * 1024;
    private const int MaxClosureDays = 31;

    public async Task<TermDatesImportResult> ImportAsync(string ics, CancellationToken cancellationToken = default)
    {
        var result = Parse(ics);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await calendar.UpsertHalfTermsAsync(result.HalfTerms, cancellationToken);
        await calendar.UpsertNonSchoolDaysAsync(result.NonSchoolDays, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static TermDatesImportResult Parse(string ics)
    {
        Ical.Net.Calendar? parsed;
        try
        {
            parsed = Ical.Net.Calendar.Load(ics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TermDatesFileException("That is not an iCalendar (.ics) file that can be read.");
        }

        if (parsed is null || parsed.Events.Count == 0)
        {
            throw new TermDatesFileException("The calendar has no events.");
        }

        var halfTerms = new Dictionary<(string, HalfTermName), HalfTermDates>();
        var closures = new Dictionary<DateOnly, NonSchoolDayEntry>();
        var ignored = new List<string>();
        foreach (var calendarEvent in parsed.Events.OrderBy(e => e.DtStart?.Date))
        {
            var summary = (calendarEvent.Summary ?? string.Empty).Trim();
            if (DatesOf(calendarEvent) is not var (start, end))
            {
                ignored.Add($"\"{Shorten(summary)}\": no start date.");
                continue;
            }

            if (HalfTermOf(summary) is { } name)
            {
                var year = HalfTerm.AcademicYearOf(start);
                halfTerms[(year, name)] = new HalfTermDates(year, name, start, end);
            }
            else if (ClosurePattern().IsMatch(summary))
            {
                if (end.DayNumber - start.DayNumber >= MaxClosureDays)
                {
                    ignored.Add($"\"{Shorten(summary)}\": a closure longer than {MaxClosureDays} days looks like a holiday, which the half-term dates already cover.");
                    continue;
                }

                if (PupilDataGuard.ContainsUpn(summary))
                {
                    // The summary becomes the day's stored reason: refused like any typed text, and never quoted back.
                    throw new TermDatesFileException(
                        $"Nothing was imported: the closure on {UkDates.Format(start)} is named with what looks like a pupil's unique pupil number (UPN). SencoHub does not hold pupil-level data; rename that event and import the file again.");
                }

                for (var day = start; day <= end; day = day.AddDays(1))
                {
                    closures[day] = new NonSchoolDayEntry(day, Shorten(summary));
                }
            }
            else
            {
                ignored.Add($"\"{Shorten(summary)}\" on {start:yyyy-MM-dd}: not a half-term, INSET day or closure.");
            }
        }

        if (halfTerms.Count == 0 && closures.Count == 0)
        {
            throw new TermDatesFileException("No half-terms or INSET days were found. Name events like \"Autumn 1\" or \"INSET day\".");
        }

        return new TermDatesImportResult([.. halfTerms.Values.OrderBy(h => h.Start)], [.. closures.Values.OrderBy(c => c.Date)], ignored);
    }

    private static (DateOnly Start, DateOnly End)? DatesOf(CalendarEvent calendarEvent)
    {
        if (calendarEvent.DtStart is null)
        {
            return null;
        }

        var start = calendarEvent.DtStart.Date;
        var end = calendarEvent.DtEnd?.Date ?? start;
        // All-day events end on the exclusive day after (RFC 5545 DTEND).
        if (calendarEvent.DtEnd is not null && !calendarEvent.DtStart.HasTime && end > start)
        {
            end = end.AddDays(-1);
        }

        return (start, end < start ? start : end);
    }

    internal static HalfTermName? HalfTermOf(string summary)
    {
        var match = HalfTermPattern().Match(summary);
        if (!match.Success)
        {
            return null;
        }

        var second = match.Groups["part"].Value.ToUpperInvariant() is "2" or "TWO" or "II" or "SECOND HALF" or "SECOND";
        return match.Groups["term"].Value.ToUpperInvariant() switch
        {
            "AUTUMN" => second ? HalfTermName.Autumn2 : HalfTermName.Autumn1,
            "SPRING" => second ? HalfTermName.Spring2 : HalfTermName.Spring1,
            _ => second ? HalfTermName.Summer2 : HalfTermName.Summer1,
        };
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    [GeneratedRegex(@"\b(?<term>autumn|spring|summer)\s*(?:term\s*)?(?:half[\s-]*term\s*)?(?<part>1|2|one|two|ii|i|first half|second half|first|second)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HalfTermPattern();

    [GeneratedRegex(@"\b(inset|training day|bank holiday|closure|closed|polling|staff development)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClosurePattern();
}
