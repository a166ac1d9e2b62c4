using System.Globalization;
using System.Text;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// The geometry of a line chart of ratings across rounds, drawn as inline SVG by the page. Lines
/// differ by dash pattern and marker as well as colour, and every chart comes with its figures.
/// </summary>
public sealed class TrendChart
{
    public const int Width = 640;
    public const int Height = 220;
    private const double Left = 36, Right = 12, Top = 12, Bottom = 36;

    private TrendChart(IReadOnlyList<ChartLine> lines, IReadOnlyList<ChartTick> yTicks, IReadOnlyList<ChartTick> xTicks)
    {
        Lines = lines;
        YTicks = yTicks;
        XTicks = xTicks;
    }

    public IReadOnlyList<ChartLine> Lines { get; }
    public IReadOnlyList<ChartTick> YTicks { get; }
    public IReadOnlyList<ChartTick> XTicks { get; }

    public static double PlotLeft => Left;
    public static double PlotRight => Width - Right;
    public static double PlotBottom => Height - Bottom;

    public static TrendChart Build(IReadOnlyList<TrendRound> rounds, IReadOnlyList<AreaSeries> series, int maxPoint)
    {
        var top = Math.Max(2, maxPoint);
        double X(int i) => rounds.Count <= 1 ? (Left + PlotRight) / 2 : Left + i * (PlotRight - Left) / (rounds.Count - 1);
        double Y(double value) => PlotBottom - (value - 1) * (PlotBottom - Top) / (top - 1);

        var lines = series.Select((s, index) =>
        {
            var path = new StringBuilder();
            var points = new List<ChartPoint>();
            var pen = false;
            for (var i = 0; i < s.Values.Count && i < rounds.Count; i++)
            {
                if (s.Values[i] is not { } value)
                {
                    // A round without an answer breaks the line rather than drawing through it.
                    pen = false;
                    continue;
                }

                var (x, y) = (X(i), Y(value));
                path.Append(pen ? " L" : (path.Length == 0 ? "M" : " M")).Append(Format(x)).Append(' ').Append(Format(y));
                pen = true;
                points.Add(new ChartPoint(Format(x), Format(y), rounds[i].RoundName, value));
            }

            return new ChartLine(s.AreaName, index % 5 + 1, path.ToString(), points);
        }).ToList();

        var yTicks = Enumerable.Range(1, top).Select(v => new ChartTick(Format(Y(v)), v.ToString(CultureInfo.InvariantCulture))).ToList();
        // Up to six rounds are labelled by half-term; more by academic year, at each year's first round.
        var xTicks = rounds.Count <= 6
            ? rounds.Select((r, i) => new ChartTick(Format(X(i)), ShortName(r.RoundName))).ToList()
            : rounds.Select((r, i) => (Round: r, i)).GroupBy(r => Year(r.Round.RoundName)).Select(g => new ChartTick(Format(X(g.First().i)), g.Key)).ToList();
        return new TrendChart(lines, yTicks, xTicks);
    }

    private static string ShortName(string roundName) => roundName.Replace("Autumn ", "Aut ", StringComparison.Ordinal)
        .Replace("Spring ", "Spr ", StringComparison.Ordinal).Replace("Summer ", "Sum ", StringComparison.Ordinal);

    private static string Year(string roundName) => roundName.Length >= 7 ? roundName[^7..] : roundName;

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>One series: an SVG path, a style number (1–5, for colour, dashes and marker) and its points.</summary>
public sealed record ChartLine(string Name, int Style, string Path, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(string X, string Y, string RoundName, double Value);

public sealed record ChartTick(string Position, string Label);

/// <summary>What the <c>_TrendChart</c> partial draws: the chart, and the same figures as a table.</summary>
public sealed record TrendChartView(string Key, string Title, TrendChart Chart, IReadOnlyList<AreaSeries> Series, IReadOnlyList<TrendRound> Rounds);
