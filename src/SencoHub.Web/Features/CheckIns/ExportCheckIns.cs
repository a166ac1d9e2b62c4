using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Export;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// CSV or XLSX of a round, or of every round: one row per school per round (answered or not), one
/// column per question. People only get the schools they may see.
/// </summary>
public sealed class ExportCheckIns(SencoHubDb db, DirectoryService directory, CalendarService calendar)
{
    private static readonly string[] FixedHeaders = ["Academic year", "Half-term", "School", "School id", "URN", "Answered", "Sent by", "Sent at"];

    /// <param name="roundId">One round, or null for all of them.</param>
    public async Task<ExportFile> ExportAsync(int? roundId, string? format, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        CheckInQueries.EnsureCanReadCheckIns(person);
        var kind = ExportFile.ParseFormat(format);

        var readable = CheckInQueries.ReadableSchools(person);
        List<RoundAnswers> rounds;
        string name;
        if (roundId is { } id)
        {
            var round = await db.FindCheckInRoundAsync(id, cancellationToken);
            var responses = await db.Set<CheckInResponse>().AsNoTracking().Where(r => r.RoundId == id).ToListAsync(cancellationToken);
            rounds = [RoundAnswers.From(round, responses.Where(r => readable is null || readable.Contains(r.SchoolId)))];
            name = $"check-in-{round.AcademicYear}-{round.HalfTerm.Display().Replace(' ', '-')}".ToLowerInvariant();
        }
        else
        {
            rounds = await GetCheckInResults.LoadHistoryAsync(db, int.MaxValue, readable, fullRounds: null, cancellationToken);
            name = "check-ins-all-rounds";
        }

        var table = BuildTable(rounds, await directory.ListSchoolsAsync(cancellationToken), readable, calendar.TimeZone);
        return ExportFile.From(table, kind, name, roundId is null ? "Check-ins" : "Check-in");
    }

    public static ExportTable BuildTable(IReadOnlyList<RoundAnswers> rounds, IReadOnlyList<School> schools, IReadOnlyCollection<string>? readable, TimeZoneInfo zone)
    {
        // Columns: the newest round's questions in its order, then questions only older rounds asked.
        var questions = new List<SurveyQuestion>();
        foreach (var round in rounds.Reverse())
        {
            questions.AddRange(round.Survey.Questions.Where(q => questions.All(existing => existing.Id != q.Id)));
        }

        var labels = questions.Select(q => q.Label).ToList();
        var headers = FixedHeaders.Concat(questions.Select(q => labels.Count(l => l == q.Label) > 1 ? $"{q.Label} [{q.Id}]" : q.Label)).ToList();
        var bySchool = schools.ToDictionary(s => s.Id);
        var rows = new List<object?[]>();
        foreach (var round in rounds)
        {
            var included = round.Round.SchoolIds.Where(id => readable is null || readable.Contains(id))
                .OrderBy(id => bySchool.GetValueOrDefault(id)?.Name ?? id, StringComparer.CurrentCulture);
            foreach (var schoolId in included)
            {
                var school = bySchool.GetValueOrDefault(schoolId);
                var answered = round.BySchool.TryGetValue(schoolId, out var response);
                var row = new List<object?>
                {
                    round.Round.AcademicYear, round.Round.HalfTerm.Display(), school?.Name ?? schoolId, schoolId, school?.Urn,
                    answered ? "Yes" : "No",
                    answered ? response!.SubmittedBy : null,
                    answered ? TimeZoneInfo.ConvertTime(response!.SubmittedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
                };
                foreach (var question in questions)
                {
                    // A question the round did not ask stays empty, even if an answer of that id is stored.
                    var asked = round.Survey.Find(question.Id);
                    row.Add(answered && asked is not null ? Cell(asked, response!.Answers) : null);
                }

                rows.Add([.. row]);
            }
        }

        return new ExportTable(headers, rows);
    }

    private static object? Cell(SurveyQuestion question, CheckInAnswers answers) => question.Type switch
    {
        QuestionType.Number or QuestionType.Rating => answers.Number(question.Id),
        _ => answers.Describe(question),
    };
}
