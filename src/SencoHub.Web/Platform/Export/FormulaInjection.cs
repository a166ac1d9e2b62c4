namespace SencoHub.Web.Platform.Export;

/// <summary>
/// The one rule against formula injection (OWASP "CSV injection"): text that starts with = + - @, a tab or a
/// carriage return is something a spreadsheet may run as a formula. CSV puts an apostrophe in front of it;
/// XLSX stores it as a string with Excel's quote prefix, so editing the cell keeps it text too.
/// Numbers and dates are never text, so a negative number stays a number.
/// </summary>
public static class FormulaInjection
{
    public static bool StartsLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a CSV field may hold it.</summary>
    public static string Defuse(string text) => StartsLikeFormula(text) ? "'" + text : text;
}
