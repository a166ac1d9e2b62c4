using SencoHub.Web.Platform.Hosting;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Proves a .pdf is a PDF SencoHub can read (not encrypted, no scripts, no embedded files) and reads
/// its text page by page, with comments and the document properties.
/// </summary>
internal static class PdfInspection
{
    private const int MaxPages = 5_000;

    public static void Inspect(Stream content, ExtractedText text)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { SkipMissingFonts = true });
            if (document.NumberOfPages is 0 or > MaxPages)
            {
                Refuse(document.NumberOfPages == 0 ? "This PDF has no pages." : $"This PDF has more than {MaxPages:N0} pages, more than SencoHub can check.");
            }

            CheckActiveContent(document);
            var information = document.Information;
            foreach (var value in new[] { information.Title, information.Subject, information.Author, information.Keywords, information.Creator })
            {
                text.Add("the document properties", value);
            }

            foreach (var page in document.GetPages())
            {
                text.Add($"page {page.Number}", page.Text);
                foreach (var annotation in page.GetAnnotations())
                {
                    text.Add($"a comment on page {page.Number}", annotation.Content);
                }
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            Refuse("This PDF is password-protected, so SencoHub cannot check what is in it. Save a copy without a password and upload that.");
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or InvalidCastException or NotSupportedException or FormatException or IOException or KeyNotFoundException or NullReferenceException or OverflowException)
        {
            Refuse("This is not a valid PDF: it could not be read as one. Save or print it to PDF again and upload that.");
        }
    }

    /// <summary>Scripts run when a PDF opens; attachments are files SencoHub cannot check.</summary>
    private static void CheckActiveContent(PdfDocument document)
    {
        if (document.Advanced.TryGetEmbeddedFiles(out var files) && files.Count > 0)
        {
            Refuse("This PDF has files attached to it, which SencoHub cannot check. Remove the attachments (or add them to the library separately) and upload it again.");
        }

        var catalog = document.Structure.Catalog.CatalogDictionary;
        var scanner = document.Structure.TokenScanner;
        var names = Resolve(catalog.Data.GetValueOrDefault(NameToken.Names.Data), scanner) as DictionaryToken;
        var openAction = Resolve(catalog.Data.GetValueOrDefault(NameToken.OpenAction.Data), scanner) as DictionaryToken;
        if (catalog.ContainsKey(NameToken.Aa) || names?.ContainsKey(NameToken.JavaScript) == true
            || (openAction is not null && Resolve(openAction.Data.GetValueOrDefault(NameToken.S.Data), scanner) is NameToken { Data: "JavaScript" or "Launch" }))
        {
            Refuse("This PDF contains scripts or actions that run when it opens. Print or save it to PDF again without them and upload that.");
        }
    }

    private static IToken? Resolve(IToken? token, UglyToad.PdfPig.Tokenization.Scanner.IPdfTokenScanner scanner) =>
        token is IndirectReferenceToken reference ? scanner.Get(reference.Data)?.Data : token;

    private static void Refuse(string message) => throw ProblemException.Invalid("file", message);
}
