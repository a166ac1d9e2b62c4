using System.Globalization;

namespace SencoHub.Web.Platform.Export;

/// <summary>
/// A grid of typed cells, the same for every format: text (<see cref="string"/>), whole numbers (<see cref="int"/>),
/// dates (<see cref="DateOnly"/>), local date-times (<see cref="DateTime"/>) or empty (null).
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows)
{
    /// <summary>How a cell reads as text: the CSV field (before the formula rule), and the XLSX column width.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>Whether a cell is text people or the directory wrote (the only cells that could look like a formula).</summary>
    public static bool IsText(object? cell) => cell is not (null or int or DateOnly or DateTime);
}
