using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using DocumentFormat.OpenXml.Spreadsheet;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Proves a .docx, .xlsx or .pptx is what it says (a valid Open XML package of that kind, without
/// macros, ActiveX controls or embedded files) and reads every piece of text in it, from the body
/// to comments, notes, headers, charts and properties, with where each piece is.
/// </summary>
internal static class OfficeInspection
{
    private const int MaxParts = 5_000;

    // A part may not expand beyond this many characters (a zip bomb stops here, not in memory).
    private const long MaxCharactersInPart = 200_000_000;

    private static readonly OpenSettings Settings = new() { AutoSave = false, MaxCharactersInPart = MaxCharactersInPart };

    // Text runs inside one of these are one piece of text: no UPN is split across runs unnoticed,
    // and none is made up by joining the end of one piece to the start of the next.
    private static readonly HashSet<string> PieceElements = ["p", "si", "c", "tc", "comment", "text", "cmAuthor", "sheet", "definedName"];

    public static void Inspect(string extension, Stream content, ExtractedText text)
    {
        try
        {
            switch (extension)
            {
                case "docx":
                    Word(content, text);
                    break;
                case "xlsx":
                    Excel(content, text);
                    break;
                default:
                    PowerPoint(content, text);
                    break;
            }
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or InvalidOperationException or NotSupportedException or KeyNotFoundException or FormatException or IOException or ArgumentException)
        {
            throw ProblemException.Invalid("file", $"This is not a valid {KindOf(extension)}: it could not be opened as one. Save it again from Office and upload that.");
        }
    }

    private static string KindOf(string extension) => extension switch
    {
        "docx" => "Word document",
        "xlsx" => "Excel workbook",
        _ => "PowerPoint presentation",
    };

    private static void Word(Stream content, ExtractedText text)
    {
        using var document = WordprocessingDocument.Open(content, false, Settings);
        if (document.DocumentType != WordprocessingDocumentType.Document)
        {
            Refuse(document.DocumentType == WordprocessingDocumentType.MacroEnabledDocument || document.DocumentType == WordprocessingDocumentType.MacroEnabledTemplate
                ? "This Word file is macro-enabled (a .docm renamed .docx), and macros can run code. Save it as a Word Document (.docx) and upload that."
                : "This is a Word template, not a document. Save it as a Word Document (.docx) and upload that.");
        }

        var main = document.MainDocumentPart ?? throw new InvalidDataException("No main document.");
        ExpectMain(main, "wordprocessingml.document.main+xml");
        var parts = CheckParts(document, "Word document");
        var paragraph = 0;
        foreach (var piece in Pieces(main))
        {
            text.Add($"paragraph {++paragraph}", piece);
        }

        ReadTheRest(parts, [main], text, part => part switch
        {
            HeaderPart => "a header",
            FooterPart => "a footer",
            FootnotesPart => "a footnote",
            EndnotesPart => "an endnote",
            WordprocessingCommentsPart or WordprocessingCommentsExPart => "a comment",
            _ => Other(part),
        });
        Properties(document, text);
    }

    private static void Excel(Stream content, ExtractedText text)
    {
        using var document = SpreadsheetDocument.Open(content, false, Settings);
        if (document.DocumentType != SpreadsheetDocumentType.Workbook)
        {
            Refuse(document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate or SpreadsheetDocumentType.AddIn
                ? "This Excel file is macro-enabled (an .xlsm renamed .xlsx), and macros can run code. Save it as an Excel Workbook (.xlsx) and upload that."
                : "This is an Excel template, not a workbook. Save it as an Excel Workbook (.xlsx) and upload that.");
        }

        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook.");
        ExpectMain(workbook, "spreadsheetml.sheet.main+xml");
        var parts = CheckParts(document, "Excel workbook");
        var shared = workbook.SharedStringTablePart is { } sst ? SharedStrings(sst) : [];
        var done = new List<OpenXmlPart> { workbook };
        var sheetNumber = 0;
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? $"Sheet {sheetNumber + 1}";
            text.Add($"the name of sheet {++sheetNumber}", name);
            if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart worksheet)
            {
                Cells(worksheet, name, shared, text);
                done.Add(worksheet);
            }
        }

        for (var i = 0; i < shared.Count; i++)
        {
            text.Add("the workbook's stored text", shared[i]);
        }

        if (workbook.SharedStringTablePart is { } table)
        {
            done.Add(table);
        }

        ReadTheRest(parts, done, text, part => part switch
        {
            WorksheetCommentsPart or WorksheetThreadedCommentsPart => "a comment",
            ChartPart => "a chart",
            PivotTableCacheDefinitionPart or PivotTableCacheRecordsPart or PivotTablePart => "a pivot table",
            TableDefinitionPart => "a table's headings",
            DrawingsPart => "a drawing or text box",
            _ => Other(part),
        });
        Properties(document, text);
    }

    private static void PowerPoint(Stream content, ExtractedText text)
    {
        using var document = PresentationDocument.Open(content, false, Settings);
        if (document.DocumentType != PresentationDocumentType.Presentation)
        {
            Refuse(document.DocumentType is PresentationDocumentType.MacroEnabledPresentation or PresentationDocumentType.MacroEnabledTemplate
                or PresentationDocumentType.MacroEnabledSlideshow or PresentationDocumentType.AddIn
                ? "This PowerPoint file is macro-enabled (a .pptm renamed .pptx), and macros can run code. Save it as a PowerPoint Presentation (.pptx) and upload that."
                : "This is a PowerPoint template or slide show, not a presentation. Save it as a PowerPoint Presentation (.pptx) and upload that.");
        }

        var presentation = document.PresentationPart ?? throw new InvalidDataException("No presentation.");
        ExpectMain(presentation, "presentationml.presentation.main+xml");
        var parts = CheckParts(document, "PowerPoint presentation");
        var done = new List<OpenXmlPart> { presentation };
        var number = 0;
        foreach (var slideId in presentation.Presentation.SlideIdList?.Elements<SlideId>() ?? [])
        {
            number++;
            if (slideId.RelationshipId?.Value is not { } id || presentation.GetPartById(id) is not SlidePart slide)
            {
                continue;
            }

            done.Add(slide);
            foreach (var piece in Pieces(slide))
            {
                text.Add($"slide {number}", piece);
            }

            if (slide.NotesSlidePart is { } notes)
            {
                done.Add(notes);
                foreach (var piece in Pieces(notes))
                {
                    text.Add($"the notes of slide {number}", piece);
                }
            }

            foreach (var comments in slide.GetPartsOfType<SlideCommentsPart>())
            {
                done.Add(comments);
                foreach (var piece in Pieces(comments))
                {
                    text.Add($"a comment on slide {number}", piece);
                }
            }
        }

        ReadTheRest(parts, done, text, part => part switch
        {
            SlideMasterPart or SlideLayoutPart => "a slide master or layout",
            NotesMasterPart or HandoutMasterPart => "the notes or handout master",
            ChartPart => "a chart",
            SlidePart => "a hidden slide",
            _ => Other(part),
        });
        Properties(document, text);
    }

    /// <summary>The SDK finds the main part by relationship alone, which a workbook renamed .docx also has.</summary>
    private static void ExpectMain(OpenXmlPart main, string contentTypeEnd)
    {
        if (!main.ContentType.EndsWith(contentTypeEnd, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The main part is {main.ContentType}.");
        }
    }

    /// <summary>Refuses packages that can run code or hide files, and returns every part.</summary>
    private static List<OpenXmlPart> CheckParts(OpenXmlPackage document, string kind)
    {
        var parts = document.GetAllParts().Take(MaxParts + 1).ToList();
        if (parts.Count > MaxParts)
        {
            Refuse($"This {kind} has more parts than SencoHub can check.");
        }

        foreach (var part in parts)
        {
            var type = part.ContentType;
            if (part is VbaProjectPart or VbaDataPart || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) || type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            {
                Refuse($"This {kind} contains macros, which can run code. Save it without macros and upload that.");
            }

            if (part is EmbeddedControlPersistencePart or EmbeddedControlPersistenceBinaryDataPart || type.Contains("activeX", StringComparison.OrdinalIgnoreCase))
            {
                Refuse($"This {kind} contains ActiveX controls, which can run code. Remove them and upload it again.");
            }

            if (part is EmbeddedPackagePart or EmbeddedObjectPart || type.Contains("oleObject", StringComparison.OrdinalIgnoreCase))
            {
                Refuse($"This {kind} has other files embedded in it, which SencoHub cannot check. Remove them (or add them to the library separately) and upload it again.");
            }
        }

        return parts;
    }

    private static void ReadTheRest(List<OpenXmlPart> parts, IReadOnlyCollection<OpenXmlPart> done, ExtractedText text, Func<OpenXmlPart, string> locate)
    {
        foreach (var part in parts)
        {
            if (!done.Contains(part) && IsXml(part))
            {
                var location = locate(part);
                foreach (var piece in Pieces(part))
                {
                    text.Add(location, piece);
                }
            }
        }
    }

    private static string Other(OpenXmlPart part) => part switch
    {
        ExtendedFilePropertiesPart or CustomFilePropertiesPart or CoreFilePropertiesPart => "the document properties",
        CustomXmlPart or CustomXmlPropertiesPart => "the file's custom data",
        ChartPart => "a chart",
        DiagramDataPart => "a SmartArt diagram",
        _ => $"the file's {part.Uri.OriginalString.TrimStart('/')}",
    };

    private static bool IsXml(OpenXmlPart part) =>
        part.ContentType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) || part.ContentType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase);

    private static void Properties(OpenXmlPackage document, ExtractedText text)
    {
        var properties = document.PackageProperties;
        foreach (var value in new[] { properties.Title, properties.Subject, properties.Creator, properties.Keywords, properties.Description,
            properties.LastModifiedBy, properties.Category, properties.ContentStatus, properties.Identifier })
        {
            text.Add("the document properties", value);
        }
    }

    /// <summary>The pieces of text of one XML part, read as a stream (never loaded whole).</summary>
    private static IEnumerable<string> Pieces(OpenXmlPart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, ReaderSettings());
        var piece = new StringBuilder();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.HasAttributes)
                    {
                        // Pictures' alt text and titles are text people write, and read.
                        AppendAttribute(reader, "descr", piece);
                        AppendAttribute(reader, "title", piece);
                    }

                    if (reader.LocalName is "tab" or "br" or "cr")
                    {
                        piece.Append(' ');
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    piece.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when PieceElements.Contains(reader.LocalName) && piece.Length > 0:
                    yield return piece.ToString();
                    piece.Clear();
                    break;
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static void AppendAttribute(XmlReader reader, string name, StringBuilder piece)
    {
        if (reader.GetAttribute(name) is { Length: > 0 } value)
        {
            piece.Append(' ').Append(value).Append(' ');
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart part)
    {
        var strings = new List<string>();
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, ReaderSettings());
        var item = new StringBuilder();
        var inPhonetic = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                inPhonetic++;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "rPh")
            {
                inPhonetic--;
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace && inPhonetic == 0)
            {
                item.Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si")
            {
                strings.Add(item.ToString());
                item.Clear();
            }
        }

        return strings;
    }

    private static void Cells(WorksheetPart worksheet, string sheetName, List<string> shared, ExtractedText text)
    {
        using var stream = worksheet.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, ReaderSettings());
        string? reference = null, type = null;
        var value = new StringBuilder();
        var formula = new StringBuilder();
        var current = value;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "c":
                        (reference, type) = (reader.GetAttribute("r"), reader.GetAttribute("t"));
                        value.Clear();
                        formula.Clear();
                        break;
                    case "f":
                        current = formula;
                        break;
                    case "v" or "is":
                        current = value;
                        break;
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
            {
                current.Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
            {
                var cellText = type == "s" && int.TryParse(value.ToString(), out var index) && index >= 0 && index < shared.Count ? shared[index] : value.ToString();
                var location = $"sheet '{sheetName}', cell {reference ?? "?"}";
                text.Add(location, cellText);
                text.Add(location, formula.ToString());
            }
        }
    }

    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharactersInPart,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static void Refuse(string message) => throw ProblemException.Invalid("file", message);
}
