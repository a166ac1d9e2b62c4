using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SencoHub.Web.Tests.Library;

/// <summary>Real Office files and PDFs made for tests, honest and hostile.</summary>
public static class TestDocuments
{
    public static byte[] Word(IEnumerable<string> paragraphs, WordprocessingDocumentType type = WordprocessingDocumentType.Document,
        Action<WordprocessingDocument>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, type))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(paragraphs.Select(Paragraph)));
            extra?.Invoke(document);
        }

        return stream.ToArray();
    }

    public static W.Paragraph Paragraph(string text) => new(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    public static byte[] WordWithHeader(string body, string header) => Word([body], extra: document =>
    {
        var part = document.MainDocumentPart!.AddNewPart<HeaderPart>();
        part.Header = new W.Header(Paragraph(header));
    });

    public static byte[] Excel(string sheetName, params (string Reference, string Text)[] cells)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new S.SharedStringTable(cells.Select(c => new S.SharedStringItem(new S.Text(c.Text))));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var rows = cells.Select((c, i) => (c.Reference, Index: i)).GroupBy(c => uint.Parse(new string([.. c.Reference.SkipWhile(char.IsLetter)])))
                .Select(g => new S.Row(g.Select(c => new S.Cell { CellReference = c.Reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(c.Index.ToString()) })) { RowIndex = g.Key });
            sheet.Worksheet = new S.Worksheet(new S.SheetData(rows));
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = sheetName, SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }

        return stream.ToArray();
    }

    public static byte[] PowerPoint(IReadOnlyList<string> slides, string? notesOfLast = null)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            uint id = 256;
            foreach (var text in slides)
            {
                var slide = presentation.AddNewPart<SlidePart>();
                slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                    new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                    new P.GroupShapeProperties(),
                    new P.Shape(
                        new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2, Name = "Text" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                        new P.ShapeProperties(),
                        new P.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(text))))))));
                ids.Append(new P.SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(slide) });
                if (notesOfLast is not null && text == slides[^1])
                {
                    var notes = slide.AddNewPart<NotesSlidePart>();
                    notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(
                        new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                        new P.GroupShapeProperties(),
                        new P.Shape(
                            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2, Name = "Notes" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                            new P.ShapeProperties(),
                            new P.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(notesOfLast))))))));
                }
            }

            presentation.Presentation = new P.Presentation(ids);
        }

        return stream.ToArray();
    }

    public static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 12, new PdfPoint(50, 780), font);
        }

        return builder.Build();
    }

    /// <summary>A one-page PDF written by hand, with extra catalog entries (scripts, actions).</summary>
    public static byte[] HandMadePdf(string catalogExtra = "", string trailerExtra = "")
    {
        var objects = new[]
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        var body = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append($"{offset:D10} 00000 n \n");
        }

        body.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    public static byte[] Zip(string entryName, string content)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write(content);
        }

        return stream.ToArray();
    }

    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}
