using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using System.Globalization;
using System.Text;
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
/// directly (Helvetica, which every reader has, so no font file ships), so each opens in Office or a
/// PDF reader and passes the same upload checks as anyone's file.
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

    /// <summary>
    /// A PDF written directly: A4 pages of Helvetica text (one of the fonts every PDF reader has, so
    /// nothing is embedded), uncompressed. A few lines of our own instead of a PDF library keep the first
    /// start fast; PdfPig reads the text back like any other PDF's.
    /// </summary>
    public static byte[] Pdf(string title, IReadOnlyList<DemoBlock> blocks)
    {
        const double Left = 56, Top = 786, Bottom = 60;
        var pages = new List<StringBuilder> { new() };
        var y = Top;

        void Line(string text, string font, double size, double indent = 0)
        {
            if (y < Bottom)
            {
                pages.Add(new StringBuilder());
                y = Top;
            }

            pages[^1].Append(CultureInfo.InvariantCulture, $"BT /{font} {size:0.#} Tf {Left + indent:0.#} {y:0.#} Td ({Escape(text)}) Tj ET\n");
            y -= size * 1.45;
        }

        foreach (var line in Wrap(title, 48))
        {
            Line(line, "F2", 18);
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
                        Line(line, "F2", 13);
                    }

                    break;
                case DemoBlockKind.Bullet:
                    var first = true;
                    foreach (var line in Wrap(block.Text, 84))
                    {
                        Line((first ? "-  " : "   ") + line, "F1", 11, 10);
                        first = false;
                    }

                    break;
                default:
                    foreach (var line in Wrap(block.Text, 90))
                    {
                        Line(line, "F1", 11);
                    }

                    y -= 4;
                    break;
            }
        }

        // Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 information, then a page and its content per page.
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select((_, i) => $"{6 + (2 * i)} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            $"<< /Title ({Escape(title)}) /Producer (SencoHub demo library) >>",
        };
        for (var i = 0; i < pages.Count; i++)
        {
            var content = pages[i].ToString();
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {7 + (2 * i)} 0 R >>");
            objects.Add($"<< /Length {Latin1.GetByteCount(content)} >>\nstream\n{content}endstream");
        }

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Latin1.GetBytes(pdf.ToString());
    }

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>A PDF string literal: backslash, parentheses escaped; anything outside Latin-1 becomes '?'.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '(' => "\\(",
                ')' => "\\)",
                _ when c is < ' ' or > '\u00FF' => "?",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
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
