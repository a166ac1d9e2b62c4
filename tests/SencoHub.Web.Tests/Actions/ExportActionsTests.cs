using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Export;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class ExportActionsTests
{
    // Text a spreadsheet would run as a formula, with the separator, quotes and a line break.
    private const string Awkward = "=HYPERLINK(\"https://evil.example\",\"click\"), then \"quoted\"\nsecond line";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CsvAndXlsx_HoldTheSameRowsAsTheApi_OnePerSchool_AndTheXlsxIsValidOpenXml(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var first = await CreateAsync(app, Body(title: "Update the SEN register"));
        var second = await CreateAsync(app, Body(title: "-Plan the autumn CPD", dueOn: "2027-03-19", schools: Schools("nb-oak", "nb-hil"), priority: "Low", ownerRole: "Senco"));
        using var oak = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        (await oak.PostAsync($"/api/actions/{first}/schools/nb-oak/acknowledge", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(3));
        using var later = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId); // dev tokens last an hour
        (await later.PostAsJsonAsync($"/api/actions/{first}/schools/nb-oak/updates", new { status = "Blocked", note = Awkward, evidenceUrl = "https://northbrook.sharepoint.com/e?a=1,2" })).EnsureSuccessStatusCode();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var csvResponse = await lead.GetAsync("/api/actions/export?format=csv");
        var xlsxResponse = await lead.GetAsync("/api/actions/export?format=xlsx");

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sencohub-actions-2026-11-23.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(ExportFile.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        var csv = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        var xlsxBytes = await xlsxResponse.Content.ReadAsByteArrayAsync();
        var xlsx = ReadXlsx(xlsxBytes);
        Assert.Empty(ValidateXlsx(xlsxBytes));

        Assert.Equal(ExportActions.Headers, csv[0]);
        Assert.Equal(ExportActions.Headers, xlsx[0]);
        Assert.Equal(1 + 3 + 2, csv.Count);
        Assert.Equal(csv.Count, xlsx.Count);
        for (var row = 1; row < csv.Count; row++)
        {
            for (var column = 0; column < ExportActions.Headers.Count; column++)
            {
                // The CSV escapes what a spreadsheet would run as a formula; the XLSX holds it as plain text.
                var expected = xlsx[row][column] is [ '=' or '+' or '-' or '@', ..] text ? "'" + text : xlsx[row][column];
                Assert.True(expected == csv[row][column], $"row {row}, {ExportActions.Headers[column]}: CSV \"{csv[row][column]}\", XLSX \"{xlsx[row][column]}\"");
            }
        }

        // And both say what the API says.
        var api = await ListAsync(app, DemoTrust.SendLead);
        var expectedRows = api.SelectMany(a => a!["schools"]!.AsArray().Select(s => (Id: (int)a["id"]!, School: (string)s!["schoolName"]!, Status: (string)s["status"]!))).ToList();
        Assert.Equal(expectedRows.Select(r => $"{r.Id}|{r.School}").Order(), xlsx.Skip(1).Select(r => $"{r[0]}|{r[8]}").Order());
        var blocked = xlsx.Single(r => r[0] == first.ToString(CultureInfo.InvariantCulture) && r[8] == "Oakfield Primary");
        Assert.Equal(["Blocked", "No", DemoTrust.HeadteacherOf("nb-oak").Name, "2026-11-23 09:00", "2026-11-23 12:00", Awkward, "https://northbrook.sharepoint.com/e?a=1,2"],
            blocked[9..16]);
        Assert.Equal("2027-01-29", blocked[5]);
        Assert.Equal("'" + Awkward, csv.Single(r => r[0] == first.ToString(CultureInfo.InvariantCulture) && r[8] == "Oakfield Primary")[14]);
        Assert.Equal("'-Plan the autumn CPD", csv.First(r => r[0] == second.ToString(CultureInfo.InvariantCulture))[1]);
    }

    [Fact]
    public async Task AHeadteachersExport_HoldsOnlyTheirSchool_FiltersApply_AndAnUnknownFormatIs400()
    {
        await using var app = await new SencoHubApp().StartAsync();
        await CreateAsync(app);
        await CreateAsync(app, Body(title: "Second", schools: JsonValueAll()));
        using var head = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-riv").AadObjectId);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var mine = ReadCsv(await head.GetByteArrayAsync("/api/actions/export?format=csv"));
        var filtered = ReadXlsx(await lead.GetByteArrayAsync("/api/actions/export?format=xlsx&school=nb-hil"));

        Assert.Equal(3, mine.Count);
        Assert.All(mine.Skip(1), r => Assert.Equal("Riverside Academy", r[8]));
        Assert.Equal(["Second"], filtered.Skip(1).Select(r => r[1]));
        await ProblemAsync(await lead.GetAsync("/api/actions/export?format=pdf"), HttpStatusCode.BadRequest);
        await ProblemAsync(await lead.GetAsync("/api/actions/export?format=csv&status=Sideways"), HttpStatusCode.BadRequest);
    }

    private static System.Text.Json.Nodes.JsonNode JsonValueAll() => System.Text.Json.Nodes.JsonValue.Create("all");

    internal static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, AllowLineBreaksInQuotes = true });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    /// <summary>Every row's cells as text, the way <see cref="ExportTable.Text"/> writes them (dates from their number formats).</summary>
    internal static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>().Select(f => f.NumberFormatId!.Value).ToList();
        var sheet = workbook.WorksheetParts.Single().Worksheet!;
        var width = sheet.Descendants<Row>().First().Elements<Cell>().Count();
        return [.. sheet.Descendants<Row>().Select(row =>
        {
            var cells = row.Elements<Cell>().ToList();
            Assert.Equal(width, cells.Count);
            return cells.Select(cell =>
            {
                if (cell.DataType?.Value == CellValues.InlineString)
                {
                    return cell.InlineString!.InnerText;
                }

                if (cell.CellValue is null)
                {
                    return string.Empty;
                }

                var number = double.Parse(cell.CellValue.Text, CultureInfo.InvariantCulture);
                return formats[(int)(cell.StyleIndex?.Value ?? 0)] switch
                {
                    164 => ExportTable.Text(DateOnly.FromDateTime(DateTime.FromOADate(number))),
                    165 => ExportTable.Text(DateTime.FromOADate(number)),
                    _ => ExportTable.Text((int)number),
                };
            }).ToArray();
        })];
    }

    internal static IReadOnlyList<string> ValidateXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        return [.. new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }
}
