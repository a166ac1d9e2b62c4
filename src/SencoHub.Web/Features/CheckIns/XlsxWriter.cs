using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// A one-sheet workbook Excel opens without repairs: a bold, frozen header row, numbers as numbers,
/// text as inline strings (never formulas), and columns wide enough to read.
/// </summary>
public static class XlsxWriter
{
    private const uint BoldStyle = 1;
    private const uint WrapStyle = 2;

    public static byte[] Write(ExportTable table, string sheetName)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Headers.Cast<object?>().ToArray(), BoldStyle));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, table.Rows[i], WrapStyle));
            }

            var columns = new Columns();
            for (var c = 0; c < table.Headers.Count; c++)
            {
                var widest = table.Rows.Select(r => c < r.Length ? r[c]?.ToString()?.Length ?? 0 : 0).Append(table.Headers[c].Length).Max();
                columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Clamp(widest + 2, 8, 60), CustomWidth = true });
            }

            var view = new SheetView { WorkbookViewId = 0 };
            view.Append(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            sheetPart.Worksheet = new Worksheet(new SheetViews(view), columns, data);

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SafeSheetName(sheetName) });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, object?[] cells, uint textStyle)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Length; c++)
        {
            var reference = ColumnName(c) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (cells[c])
            {
                case int number:
                    row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number) });
                    break;
                case string text when text.Length > 0:
                    row.Append(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = textStyle,
                        InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                    break;
            }
        }

        return row;
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

    // Stored answers are already clean; this guards the directory's names too. Excel caps a cell at 32,767 characters.
    private static string XmlSafe(string text)
    {
        var safe = new string([.. text.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c is not ('\uFFFE' or '\uFFFF')))]);
        return safe.Length > 32_767 ? safe[..32_767] : safe;
    }

    private static string SafeSheetName(string name)
    {
        var safe = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim('\'');
        return string.IsNullOrWhiteSpace(safe) ? "Sheet1" : safe.Length > 31 ? safe[..31] : safe;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
}
