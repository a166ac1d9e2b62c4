using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>An upload that passed every check: what it is, and its text for search (already checked for pupil identifiers).</summary>
public sealed record InspectedFile(string FileName, string Extension, string ContentType, string IndexText);

/// <summary>
/// Uploads are hostile until proved otherwise: the name is made safe, the type must be allowed,
/// the first bytes must match the type, and Office files and PDFs must open as what they claim,
/// without macros, scripts or embedded files, and with no pupil identifier anywhere in their text.
/// Any refusal is a <see cref="ProblemException"/> naming the problem; nothing has been stored yet.
/// </summary>
public sealed class UploadInspector(IOptions<LibraryOptions> options)
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>Checks the name alone, before any content is read (so a refused type is not even spooled).</summary>
    public (string FileName, string Extension) CheckName(string? rawName)
    {
        var name = UploadRules.SanitiseName(rawName);
        return (name, UploadRules.CheckType(name, options.Value.Uploads.EffectiveExtensions));
    }

    public async Task<InspectedFile> InspectAsync(string? rawName, SpooledFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (name, extension) = CheckName(rawName);
        var header = new byte[8];
        await using (var start = file.OpenRead())
        {
            await start.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var (signature, kind) = extension switch
        {
            "docx" => (ZipSignature, "Word document"),
            "xlsx" => (ZipSignature, "Excel workbook"),
            "pptx" => (ZipSignature, "PowerPoint presentation"),
            "pdf" => (PdfSignature, "PDF"),
            "png" => (PngSignature, "PNG picture"),
            _ => (JpegSignature, "JPEG picture"),
        };
        if (!header.AsSpan().StartsWith(signature))
        {
            throw ProblemException.Invalid("file", $"This file is called .{extension} but its content is not a {kind}. Upload the real file, saved in that format.");
        }

        var text = new ExtractedText(kind);
        await using (var content = file.OpenRead())
        {
            // The libraries read synchronously; the spool is a local file, so this is a short wait.
            switch (extension)
            {
                case "docx" or "xlsx" or "pptx":
                    OfficeInspection.Inspect(extension, content, text);
                    break;
                case "pdf":
                    PdfInspection.Inspect(content, text);
                    break;
            }
        }

        return new InspectedFile(name, extension, UploadRules.ContentTypeOf(extension), text.IndexText);
    }
}
