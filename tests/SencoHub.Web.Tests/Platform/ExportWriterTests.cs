using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SencoHub.Web.Platform.Export;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Tests.Actions;
using SencoHub.Web.Tests.CheckIns;

namespace SencoHub.Web.Tests.Platform;

public sealed class ExportWriterTests
{
    [Theory]
    [InlineData("=1+2")]
    [InlineData("+44 1632 960000")]
    [InlineData("-Plan the CPD")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\tindented")]
    [InlineData("\rcarriage return")]
    public void TextStartingLikeAFormula_IsNeutralisedByTheSameRule_InCsvAndXlsx(string text)
    {
        var table = new ExportTable([text, "Plain"], [[text, "1 = 1"]]);

        var csv = ExportActionsTests.ReadCsv(CsvExport.Write(table));
        var xlsx = XlsxExport.Write(table, "Sheet");

        // CSV: an apostrophe in front, for the header and the cell alike; other text untouched.
        Assert.Equal([["'" + text, "Plain"], ["'" + text, "1 = 1"]], csv);
        // XLSX: the value as typed in a string cell (never a formula), marked with Excel's quote prefix.
        // (XML reads a bare CR back as a line feed; stored text has plain line ends anyway.)
        var typed = text.Replace('\r', '\n');
        Assert.Equal([[typed, "Plain"], [typed, "1 = 1"]], CheckInExportTests.ReadXlsx(xlsx));
        Assert.Equal([[true, false], [true, false]], QuotePrefixes(xlsx));
        Assert.All(Cells(xlsx), cell => Assert.Null(cell.CellFormula));
    }

    [Fact]
    public void NumbersAndDates_AreNeverText_SoANegativeNumberStaysANumber()
    {
        var table = new ExportTable(["Count", "Due", "At", "Empty", "Blank"],
            [[-5, new DateOnly(2027, 1, 29), new DateTime(2026, 11, 23, 9, 5, 0, DateTimeKind.Unspecified), null, ""]]);

        var csv = ExportActionsTests.ReadCsv(CsvExport.Write(table));
        var xlsx = XlsxExport.Write(table, "Sheet");

        Assert.Equal(["-5", "2027-01-29", "2026-11-23 09:05", "", ""], csv[1]);
        Assert.Equal(["-5", "2027-01-29", "2026-11-23 09:05", "", ""], ExportActionsTests.ReadXlsx(xlsx)[1]);
        Assert.Equal([false, false, false, false, false], QuotePrefixes(xlsx)[1]);
    }

    [Fact]
    public void Csv_IsUtf8WithAByteOrderMark_CrLfLines_AndQuotesWhatNeedsQuotes()
    {
        var table = new ExportTable(["Name", "Note"], [["Zoë", "commas, \"quotes\"\nand a new line"]]);

        var bytes = CsvExport.Write(table);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Name,Note\r\nZoë,\"commas, \"\"quotes\"\"\nand a new line\"\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Xlsx_OpensCleanly_PassingTheOpenXmlValidator_WithAwkwardText()
    {
        var table = new ExportTable(["School", "Count", "Text with a very long header that needs a wide column"],
        [
            ["Oakfield", 42, "Line one\nline two, \"quoted\" & <tagged> \t tabbed"],
            ["  spaced  ", null, "=1+2"],
            ["Emoji 🙂 and accents é", 0, new string('x', 2000)],
            [null, 5000, "control\u0001chars\u0008removed\uFFFF"],
        ]);

        var bytes = XlsxExport.Write(table, "Check-in: [Autumn 2]/2026?*");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        Assert.Equal("Check-in Autumn 22026", document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
        var read = CheckInExportTests.ReadXlsx(bytes);
        Assert.Equal("Line one\nline two, \"quoted\" & <tagged> \t tabbed", read[1][2]);
        Assert.Equal("  spaced  ", read[2][0]);
        Assert.Equal("=1+2", read[2][2]);
        Assert.Equal("controlcharsremoved", read[4][2]);
        Assert.Equal("5000", read[4][1]);
    }

    [Fact]
    public void ColumnNames_FollowExcel() =>
        Assert.Equal(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"], new[] { 0, 25, 26, 51, 52, 701, 702 }.Select(XlsxExport.ColumnName));

    [Theory]
    [InlineData("csv", "report.csv", ExportFile.CsvType)]
    [InlineData(" XLSX ", "report.xlsx", ExportFile.XlsxType)]
    public void AFormat_NamesTheFileAndItsType(string format, string fileName, string contentType)
    {
        var file = ExportFile.From(new ExportTable(["A"], [["1"]]), ExportFile.ParseFormat(format), "report", "Report");

        Assert.Equal(fileName, file.FileName);
        Assert.Equal(contentType, file.ContentType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pdf")]
    public void AnUnknownFormat_IsRefusedByField(string? format)
    {
        var refusal = Assert.Throws<ProblemException>(() => ExportFile.ParseFormat(format));

        Assert.Equal(400, refusal.Status);
        Assert.Equal(["format"], refusal.Errors.Keys);
    }

    private static List<Cell> Cells(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return [.. document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Cell>().Select(c => (Cell)c.CloneNode(true))];
    }

    /// <summary>Per row, whether each cell's format carries Excel's quote prefix.</summary>
    private static List<bool[]> QuotePrefixes(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>().ToList();
        return [.. document.WorkbookPart.WorksheetParts.Single().Worksheet!.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(c => formats[(int)(c.StyleIndex?.Value ?? 0)].QuotePrefix?.Value == true).ToArray())];
    }
}
