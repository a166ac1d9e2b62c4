using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// A one-sheet XLSX with the Open XML SDK: a bold, frozen header row; text as inline strings (never
/// formulas, so nothing typed can run); dates and times as real dates Excel sorts and filters.
/// </summary>
internal static class ActionsSpreadsheet
{
    private const uint DateStyle = 1;
    private const uint DateTimeStyle = 2;
    private const uint HeaderStyle = 3;

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, headers.Cast<object?>().ToArray(), HeaderStyle));
            uint index = 2;
            foreach (var row in rows)
            {
                data.Append(Row(index++, row, null));
            }

            var frozenHeader = new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 };
            sheetPart.Worksheet = new Worksheet(new SheetViews(frozenHeader), new Columns(new Column { Min = 1, Max = (uint)headers.Count, Width = 22, CustomWidth = true }), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, object?[] cells, uint? style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = Cell(cells[i]);
            cell.CellReference = Column(i) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (style is { } header)
            {
                cell.StyleIndex = header;
            }

            row.Append(cell);
        }

        return row;
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) },
        DateOnly date => new Cell { CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = DateStyle },
        DateTime at => new Cell { CellValue = new CellValue(at.ToOADate()), StyleIndex = DateTimeStyle },
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? string.Empty) { Space = SpaceProcessingModeValues.Preserve }) },
    };

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The minimum a valid stylesheet needs, plus the date, date-time and header formats.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "d mmm yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "d mmm yyyy hh:mm" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }) { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
