using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SencoHub.Web.Platform.Export;

/// <summary>
/// A one-sheet workbook Excel opens without repairs (Open XML SDK): a bold, frozen header row; text as inline
/// strings, never formulas; numbers as numbers; dates and times as real dates Excel sorts and filters; columns
/// wide enough to read. Every cell of every row is written, empty ones too.
/// </summary>
public static class XlsxExport
{
    // Cell format indexes in the stylesheet below.
    private const uint HeaderStyle = 1;
    private const uint QuotedHeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint QuotedTextStyle = 4;
    private const uint DateStyle = 5;
    private const uint DateTimeStyle = 6;
    private const uint DateFormat = 164;
    private const uint DateTimeFormat = 165;

    // Excel caps a cell at 32,767 characters.
    private const int MaxCellLength = 32_767;

    public static byte[] Write(ExportTable table, string sheetName)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, [.. table.Headers], header: true));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, table.Rows[i], header: false));
            }

            var frozenHeader = new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 };
            sheetPart.Worksheet = new Worksheet(new SheetViews(frozenHeader), Columns(table), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SafeSheetName(sheetName) }));
        }

        return stream.ToArray();
    }

    /// <summary>A, B, … Z, AA, AB …</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Row Row(uint index, object?[] cells, bool header)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = Cell(cells[c], header);
            cell.CellReference = ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cell);
        }

        return row;
    }

    private static Cell Cell(object? value, bool header) => value switch
    {
        null or "" => new Cell(),
        int number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) },
        DateOnly date => new Cell { CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = DateStyle },
        DateTime at => new Cell { CellValue = new CellValue(at.ToOADate()), StyleIndex = DateTimeStyle },
        _ => TextCell(ExportTable.Text(value), header),
    };

    private static Cell TextCell(string text, bool header)
    {
        var quoted = FormulaInjection.StartsLikeFormula(text);
        return new Cell
        {
            DataType = CellValues.InlineString,
            StyleIndex = (header, quoted) switch
            {
                (true, false) => HeaderStyle,
                (true, true) => QuotedHeaderStyle,
                (false, false) => TextStyle,
                (false, true) => QuotedTextStyle,
            },
            InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
        };
    }

    private static Columns Columns(ExportTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var widest = table.Rows.Select(r => c < r.Length ? ExportTable.Text(r[c]).Length : 0).Append(table.Headers[c].Length).Max();
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Clamp(widest + 2, 8, 60), CustomWidth = true });
        }

        return columns;
    }

    // XML cannot hold most control characters; stored text is already clean, this guards the directory's names too.
    private static string XmlSafe(string text)
    {
        var safe = new string([.. text.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c is not ('\uFFFE' or '\uFFFF')))]);
        return safe.Length > MaxCellLength ? safe[..MaxCellLength] : safe;
    }

    private static string SafeSheetName(string name)
    {
        var safe = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim('\'');
        return string.IsNullOrWhiteSpace(safe) ? "Sheet1" : safe.Length > 31 ? safe[..31] : safe;
    }

    /// <summary>The minimum a valid stylesheet needs, plus header, wrapped text (with and without quote prefix), date and date-time formats.</summary>
    private static Stylesheet Styles()
    {
        static CellFormat Format(uint numberFormat = 0, uint font = 0) => new()
        {
            NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = 0, FormatId = 0,
            ApplyNumberFormat = numberFormat != 0 ? true : null, ApplyFont = font != 0 ? true : null,
        };

        static CellFormat Wrapped(CellFormat format)
        {
            format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
            format.ApplyAlignment = true;
            return format;
        }

        static CellFormat Quoted(CellFormat format)
        {
            format.QuotePrefix = true;
            return format;
        }

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "d mmm yyyy" },
                new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "d mmm yyyy hh:mm" }) { Count = 2 },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Format(),
                Format(font: 1),
                Quoted(Format(font: 1)),
                Wrapped(Format()),
                Quoted(Wrapped(Format())),
                Format(numberFormat: DateFormat),
                Format(numberFormat: DateTimeFormat)) { Count = 7 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
