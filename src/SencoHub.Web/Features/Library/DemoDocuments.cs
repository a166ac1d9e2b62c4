using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SencoHub.Web.Features.Library;

/// <summary>One block of a demo document: a heading, a paragraph or a bullet point.</summary>
public sealed record DemoBlock(DemoBlockKind Kind, string Text)
{
    public static DemoBlock H(string text) => new(DemoBlockKind.Heading, text);

    public static DemoBlock P(string text) => new(DemoBlockKind.Paragraph, text);

    public static DemoBlock Li(string text) => new(DemoBlockKind.Bullet, text);
}

public enum DemoBlockKind
{
    Heading,
    Paragraph,
    Bullet,
}

/// <summary>
/// Writes the demo library's files for real: Word documents and workbooks with the Open XML SDK, PDFs
/// with PdfPig's writer and its built-in Helvetica (no font file to ship), so each opens in Office or
/// a PDF reader and passes the same upload checks as anyone's file.
/// </summary>
internal static class DemoDocuments
{
    public static byte[] Word(string title, IReadOnlyList<DemoBlock> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new W.Body(Run(title, bold: true, size: 36));
            foreach (var block in blocks)
            {
                body.Append(block.Kind switch
                {
                    DemoBlockKind.Heading => Run(block.Text, bold: true, size: 28),
                    DemoBlockKind.Bullet => Run("•  " + block.Text, bold: false, size: 22, indent: true),
                    _ => Run(block.Text, bold: false, size: 22),
                });
            }

            document.AddMainDocumentPart().Document = new W.Document(body);
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "SencoHub demo library";
        }

        return stream.ToArray();
    }

    public static byte[] Excel(string title, string sheetName, IReadOnlyList<string> headings, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new S.SheetData();
            data.Append(Row(1, [title]));
            data.Append(Row(3, headings));
            for (var i = 0; i < rows.Count; i++)
            {
                data.Append(Row((uint)(i + 4), rows[i]));
            }

            var columns = new S.Columns([.. headings.Select((_, i) => new S.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = i == 0 ? 38 : 24, CustomWidth = true })]);
            sheet.Worksheet = new S.Worksheet(columns, data);
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = sheetName, SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "SencoHub demo library";
        }

        return stream.ToArray();
    }

    public static byte[] Pdf(string title, IReadOnlyList<DemoBlock> blocks)
    {
        const double Left = 56, Top = 786, Bottom = 60;
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Producer = "SencoHub demo library";
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = Top;

        void Line(string text, PdfDocumentBuilder.AddedFont font, double size, double indent = 0)
        {
            if (y < Bottom)
            {
                page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
                y = Top;
            }

            page.AddText(text, size, new PdfPoint(Left + indent, y), font);
            y -= size * 1.45;
        }

        foreach (var line in Wrap(title, 48))
        {
            Line(line, bold, 18);
        }

        y -= 6;
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case DemoBlockKind.Heading:
                    y -= 6;
                    foreach (var line in Wrap(block.Text, 62))
                    {
                        Line(line, bold, 13);
                    }

                    break;
                case DemoBlockKind.Bullet:
                    var first = true;
                    foreach (var line in Wrap(block.Text, 84))
                    {
                        Line((first ? "-  " : "   ") + line, regular, 11, 10);
                        first = false;
                    }

                    break;
                default:
                    foreach (var line in Wrap(block.Text, 90))
                    {
                        Line(line, regular, 11);
                    }

                    y -= 4;
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>The plain text of a document, as search indexes it.</summary>
    public static string Text(string title, IEnumerable<DemoBlock> blocks) => string.Join(' ', blocks.Select(b => b.Text).Prepend(title));

    private static W.Paragraph Run(string text, bool bold, int size, bool indent = false)
    {
        var properties = new W.RunProperties(new W.FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            properties.PrependChild(new W.Bold());
        }

        var paragraph = new W.Paragraph(new W.Run(properties, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        paragraph.PrependChild(new W.ParagraphProperties(new W.SpacingBetweenLines { After = bold ? "120" : "80" }, indent ? new W.Indentation { Left = "360" } : new W.Indentation()));
        return paragraph;
    }

    private static S.Row Row(uint index, IReadOnlyList<string> values) =>
        new([.. values.Select((value, i) => new S.Cell
        {
            CellReference = $"{(char)('A' + i)}{index}",
            DataType = S.CellValues.InlineString,
            InlineString = new S.InlineString(new S.Text(value)),
        })]) { RowIndex = index };

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
