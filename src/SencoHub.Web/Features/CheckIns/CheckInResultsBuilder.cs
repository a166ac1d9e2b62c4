using SencoHub.Web.Platform.Review;
namespace SencoHub.Web.Features.CheckIns;

/// <summary>A school's answers to a round, with who sent them; for older rounds only the whole-number answers.</summary>
public sealed record SchoolAnswers(string SchoolId, CheckInAnswers Answers, DateTimeOffset SubmittedAt, string SubmittedBy, int Revision)
{
    public static SchoolAnswers Of(CheckInResponse response) =>
        new(response.SchoolId, response.Answers, response.SubmittedAt, response.SubmittedBy, response.Revision);
}

/// <summary>One round with the answers it received, as the results read them.</summary>
public sealed record RoundAnswers(CheckInRound Round, SurveyDefinition Survey, IReadOnlyList<SchoolAnswers> Answers)
{
    private Dictionary<string, SchoolAnswers>? _bySchool;

    public IReadOnlyDictionary<string, SchoolAnswers> BySchool => _bySchool ??= Answers.ToDictionary(a => a.SchoolId, StringComparer.Ordinal);

    public static RoundAnswers From(CheckInRound round, IEnumerable<CheckInResponse> responses) =>
        new(round, round.Template.Definition, [.. responses.Select(SchoolAnswers.Of)]);
}

/// <summary>
/// Works out a round's results from its answers: pure, so every rule is unit-tested and the
/// dashboard's cost is all here and in one query.
/// </summary>
public static class CheckInResultsBuilder
{
    /// <param name="history">Rounds up to and including <paramref name="round"/>, oldest first, for trends and changes.</param>
    /// <param name="readable">The schools the reader may see; null for every school.</param>
    public static CheckInResults Build(RoundAnswers round, IReadOnlyList<RoundAnswers> history, IReadOnlyDictionary<string, string> schoolNames,
        IReadOnlyDictionary<string, IReadOnlyList<string>> sencosBySchool, IReadOnlyCollection<string>? readable, DateOnly today)
    {
        string NameOf(string id) => schoolNames.GetValueOrDefault(id, id);
        bool CanRead(string id) => readable is null || readable.Contains(id);

        var survey = round.Survey;
        var schools = round.Round.SchoolIds.Where(CanRead).OrderBy(NameOf, StringComparer.CurrentCulture).ThenBy(id => id, StringComparer.Ordinal).ToList();
        var answered = schools.Where(round.BySchool.ContainsKey).ToList();
        var previous = history.LastOrDefault(h => h.Round.Sequence < round.Round.Sequence);

        var statuses = schools.Select(id => round.BySchool.TryGetValue(id, out var r)
            ? new SchoolResponse(id, NameOf(id), true, r.SubmittedAt, r.SubmittedBy, r.Revision, sencosBySchool.GetValueOrDefault(id, []))
            : new SchoolResponse(id, NameOf(id), false, null, null, 0, sencosBySchool.GetValueOrDefault(id, []))).ToList();

        return new CheckInResults(
            round.Round.Id, round.Round.DisplayName, round.Round.AcademicYear, round.Round.HalfTerm.ToString(), round.Round.ClosesOn,
            round.Round.AcceptsAnswersOn(today), round.Round.Template.Version,
            new ResponseRate(answered.Count, schools.Count),
            statuses,
            BuildHeatmap(round, schools, NameOf),
            BuildCounts(round, previous, schools, NameOf),
            [.. survey.Questions.Where(q => q.IsChoice).Select(q => Tally(q, answered.Select(id => round.BySchool[id].Answers)))],
            [.. survey.Questions.Where(q => q.Type == QuestionType.Rating && q.Area is null).Select(q => Rating(q, answered.Select(id => round.BySchool[id].Answers)))],
            [.. survey.Questions.Where(q => q.IsText).Select(q => new TextAnswers(q.Id, q.Label, q.Purpose,
                [.. answered.Select(id => (id, text: round.BySchool[id].Answers.Text(q.Id))).Where(a => !string.IsNullOrEmpty(a.text)).Select(a => new SchoolText(a.id, NameOf(a.id), a.text!))]))],
            BuildTrends(history, schools, NameOf));
    }

    /// <summary>The channel summary: trust-wide, whoever closes the round.</summary>
    public static RoundSummary Summarise(RoundAnswers round)
    {
        var answers = round.Round.SchoolIds.Where(round.BySchool.ContainsKey).Select(id => round.BySchool[id].Answers).ToList();
        var support = round.Survey.Questions.FirstOrDefault(q => q.Purpose == QuestionPurpose.SupportWanted);
        var topSupport = support is null
            ? []
            : Tally(support, answers).Options.Where(o => o.Count > 0).OrderByDescending(o => o.Count).Take(3).Select(o => new LabelCount(o.Label, o.Count)).ToList();

        var areaQuestions = round.Survey.Questions.Where(q => q.Type == QuestionType.Rating && q.Area is not null).ToList();
        var lowest = new Dictionary<ReviewArea, int>();
        foreach (var school in answers)
        {
            var ratings = areaQuestions.Select(q => (q.Area!.Value, Point: school.Number(q.Id))).Where(r => r.Point is not null).ToList();
            // A school that rates every area the same has no lowest area.
            if (ratings.Count < 2 || ratings.All(r => r.Point == ratings[0].Point))
            {
                continue;
            }

            var min = ratings.Min(r => r.Point);
            foreach (var (area, _) in ratings.Where(r => r.Point == min))
            {
                lowest[area] = lowest.GetValueOrDefault(area) + 1;
            }
        }

        var lowestAreas = lowest.OrderByDescending(a => a.Value).ThenBy(a => a.Key).Take(3).Select(a => new LabelCount(a.Key.Display(), a.Value)).ToList();
        var rate = new ResponseRate(answers.Count, round.Round.SchoolIds.Count);
        return new RoundSummary(round.Round.DisplayName, rate.Responded, rate.Expected, rate.Percent, topSupport, lowestAreas);
    }

    /// <summary>Colour band 1–4 for a point on a scale of any length, so a 5-point scale shades like a 4-point one.</summary>
    public static int Band(int point, int points) =>
        points <= 1 ? 4 : 1 + (int)Math.Round(3.0 * (Math.Clamp(point, 1, points) - 1) / (points - 1), MidpointRounding.AwayFromZero);

    private static Heatmap BuildHeatmap(RoundAnswers round, List<string> schools, Func<string, string> nameOf)
    {
        var columns = round.Survey.Questions.Where(q => q.Type == QuestionType.Rating && q.Area is not null)
            .Select(q => (Question: q, Column: new HeatmapColumn(q.Id, q.Area!.Value, q.Area.Value.Display(), q.Scale?.Count ?? 0))).ToList();
        var rows = schools.Select(id =>
        {
            var responded = round.BySchool.TryGetValue(id, out var r);
            var cells = columns.Select(c => r?.Answers.Number(c.Question.Id) is { } point
                ? new HeatmapCell(point, c.Question.ScaleLabel(point), Band(point, c.Column.Points))
                : null).ToList();
            return new HeatmapRow(id, nameOf(id), responded, cells);
        }).ToList();
        var averages = columns.Select((_, i) =>
        {
            var values = rows.Select(r => r.Cells[i]).OfType<HeatmapCell>().Select(c => (double)c.Value).ToList();
            return values.Count == 0 ? (double?)null : Math.Round(values.Average(), 1);
        }).ToList();
        return new Heatmap([.. columns.Select(c => c.Column)], rows, averages);
    }

    private static List<CountResult> BuildCounts(RoundAnswers round, RoundAnswers? previous, List<string> schools, Func<string, string> nameOf)
    {
        var results = new List<CountResult>();
        foreach (var question in round.Survey.Questions.Where(q => q.Type == QuestionType.Number))
        {
            // A question of the same id only compares when it was also a number then.
            var comparable = previous?.Survey.Find(question.Id)?.Type == QuestionType.Number;
            int? PreviousOf(string id) => comparable && previous!.BySchool.TryGetValue(id, out var p) ? p.Answers.Number(question.Id) : null;
            var rows = schools.Select(id => new CountRow(id, nameOf(id),
                round.BySchool.TryGetValue(id, out var r) ? r.Answers.Number(question.Id) : null, PreviousOf(id))).ToList();
            // Totals compare only when some of the same schools answered the previous round.
            var answeredBefore = comparable ? schools.Where(previous!.BySchool.ContainsKey).ToList() : [];
            int? previousTotal = answeredBefore.Count > 0 ? answeredBefore.Sum(id => previous!.BySchool[id].Answers.Number(question.Id) ?? 0) : null;
            results.Add(new CountResult(question.Id, question.Label, rows, rows.Sum(r => r.Value ?? 0), previousTotal));
        }

        return results;
    }

    private static ChoiceTally Tally(SurveyQuestion question, IEnumerable<CheckInAnswers> answers)
    {
        var options = question.Type == QuestionType.YesNo ? [new ChoiceOption("yes", "Yes"), new ChoiceOption("no", "No")] : question.Options ?? [];
        var counts = options.ToDictionary(o => o.Value, _ => 0, StringComparer.Ordinal);
        var answeredCount = 0;
        foreach (var school in answers)
        {
            IReadOnlyList<string> chosen = question.Type == QuestionType.YesNo
                ? school.Flag(question.Id) is { } flag ? [flag ? "yes" : "no"] : []
                : school.Choices(question.Id);
            answeredCount += chosen.Count > 0 ? 1 : 0;
            foreach (var value in chosen.Where(counts.ContainsKey))
            {
                counts[value]++;
            }
        }

        return new ChoiceTally(question.Id, question.Label, question.Purpose, answeredCount,
            [.. options.Select(o => new OptionCount(o.Value, o.Label, counts[o.Value])).OrderByDescending(o => o.Count)]);
    }

    private static RatingResult Rating(SurveyQuestion question, IEnumerable<CheckInAnswers> answers)
    {
        var points = answers.Select(a => a.Number(question.Id)).OfType<int>().ToList();
        var scale = question.Scale ?? [];
        return new RatingResult(question.Id, question.Label, question.Purpose, points.Count,
            points.Count == 0 ? null : Math.Round(points.Average(), 1),
            [.. scale.Select((label, i) => new OptionCount((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), label, points.Count(p => p == i + 1)))]);
    }

    private static Trends BuildTrends(IReadOnlyList<RoundAnswers> history, List<string> schools, Func<string, string> nameOf)
    {
        var areas = Enum.GetValues<ReviewArea>();
        // Per round: area → question id (each round reads its own template version).
        var areaQuestions = history.Select(h => h.Survey.Questions.Where(q => q.Type == QuestionType.Rating && q.Area is not null)
            .ToDictionary(q => q.Area!.Value, q => q.Id)).ToList();
        var maxPoint = history.SelectMany(h => h.Survey.Questions).Where(q => q.Type == QuestionType.Rating && q.Area is not null)
            .Select(q => q.Scale?.Count ?? 0).DefaultIfEmpty(4).Max();

        double? PointOf(int roundIndex, string schoolId, ReviewArea area) =>
            areaQuestions[roundIndex].TryGetValue(area, out var questionId) && history[roundIndex].BySchool.TryGetValue(schoolId, out var r)
                ? r.Answers.Number(questionId)
                : null;

        var schoolTrends = schools.Select(id => new SchoolTrend(id, nameOf(id),
            [.. areas.Select(area => new AreaSeries(area, area.Display(), [.. history.Select((_, i) => PointOf(i, id, area))]))])).ToList();
        var average = areas.Select((area, a) => new AreaSeries(area, area.Display(), [.. history.Select((_, i) =>
        {
            var values = schoolTrends.Select(s => s.Areas[a].Values[i]).OfType<double>().ToList();
            return values.Count == 0 ? (double?)null : Math.Round(values.Average(), 2);
        })])).ToList();
        return new Trends([.. history.Select(h => new TrendRound(h.Round.Id, h.Round.DisplayName))], maxPoint, average, schoolTrends);
    }
}
