using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SencoHub.Testing;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Platform.Export;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;

namespace SencoHub.Web.Tests.CheckIns;

public sealed class CheckInExportTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Exports_HaveOneRowPerSchool_AndOneColumnPerQuestion_MatchingTheAnswers(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var round = await OpenRoundAsync(app);
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak", a => a["q_concerns"] = "=HYPERLINK(\"http://evil\") and \"quotes\", commas\nand a new line"));
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-riv"), Answers(round, "nb-riv", a => a["q_sen-support"] = "100"));
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var csvResponse = await lead.GetAsync($"/api/checkins/rounds/{round}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("check-in-2026-27-autumn-2.csv", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));

        var template = await app.WithDbAsync(db => Task.FromResult(db.Set<CheckInTemplate>().Single()));
        var questions = template.Definition.Questions.ToList();
        Assert.Equal(1 + DemoTrust.SchoolIds.Count, rows.Count);
        Assert.Equal(8 + questions.Count, rows[0].Length);
        Assert.Equal(["Academic year", "Half-term", "School", "School id", "URN", "Answered", "Sent by", "Sent at"], rows[0][..8]);
        Assert.Equal(questions.Select(q => q.Label), rows[0][8..]);
        var oak = rows.Single(r => r[3] == "nb-oak");
        string Cell(string[] row, string questionId) => row[8 + questions.FindIndex(q => q.Id == questionId)];
        Assert.Equal(["2026-27", "Autumn 2", "Oakfield Primary", "nb-oak", "139201", "Yes", DemoTrust.SencoOf("nb-oak").Name, "2026-11-23 09:00"], oak[..8]);
        Assert.Equal("42", Cell(oak, "sen-support"));
        Assert.Equal("3", Cell(oak, "leadership"));
        Assert.Equal("Educational psychologist; Training", Cell(oak, "support"));
        // A formula-looking answer is defused; quotes, commas and new lines survive.
        Assert.Equal("'=HYPERLINK(\"http://evil\") and \"quotes\", commas\nand a new line", Cell(oak, "concerns"));
        Assert.Equal("100", Cell(rows.Single(r => r[3] == "nb-riv"), "sen-support"));
        var waiting = rows.Single(r => r[3] == "nb-bro");
        Assert.Equal("No", waiting[5]);
        Assert.All(waiting[6..], Assert.Empty);

        var xlsxResponse = await lead.GetAsync($"/api/checkins/rounds/{round}/export?format=xlsx");
        Assert.Equal(ExportFile.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        var sheet = ReadXlsx(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(rows.Count, sheet.Count);
        Assert.Equal(rows[0], sheet[0]);
        var xlsxOak = sheet.Single(r => r[3] == "nb-oak");
        Assert.Equal("42", Cell(xlsxOak, "sen-support"));
        // In a spreadsheet the text is a string cell, never a formula, so it is kept as typed.
        Assert.Equal("=HYPERLINK(\"http://evil\") and \"quotes\", commas\nand a new line", Cell(xlsxOak, "concerns"));

        // All rounds: a second round adds its rows; a SENCO gets their own school only.
        var spring = await OpenRoundAsync(app, halfTerm: "Spring1", closesOn: "2027-02-05");
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(spring, "nb-oak", a => a["q_sen-support"] = "44"));
        var all = ReadXlsx(await lead.GetByteArrayAsync("/api/checkins/export?format=xlsx"));
        Assert.Equal(1 + 2 * DemoTrust.SchoolIds.Count, all.Count);
        Assert.Equal(["42", "44"], all.Where(r => r[3] == "nb-oak").Select(r => Cell(r, "sen-support")));
        var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        var own = ParseCsv(Encoding.UTF8.GetString((await senco.GetByteArrayAsync("/api/checkins/export?format=csv"))[3..]));
        Assert.Equal(["nb-oak", "nb-oak"], own.Skip(1).Select(r => r[3]));

        await CheckInApiTests.AssertProblemAsync(await lead.GetAsync($"/api/checkins/rounds/{round}/export?format=pdf"), HttpStatusCode.BadRequest, "format=csv or format=xlsx");
        await CheckInApiTests.AssertProblemAsync(await lead.GetAsync($"/api/checkins/rounds/{round}/export"), HttpStatusCode.BadRequest, null);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and new lines.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row);
        return rows;
    }

    /// <summary>The first sheet as text, with empty strings for empty cells.</summary>
    internal static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var width = sheet.Descendants<Row>().First().Elements<Cell>().Count();
        return [.. sheet.Descendants<Row>().Select(row =>
        {
            var cells = new string[width];
            Array.Fill(cells, string.Empty);
            foreach (var cell in row.Elements<Cell>())
            {
                var column = new string([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);
                var index = column.Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;
                cells[index] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty;
            }

            return cells;
        })];
    }
}
