using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// A <c>multipart/form-data</c> upload read part by part as it arrives: small metadata fields, and
/// at most one <c>file</c>, whose name is checked before its first byte is read and whose content
/// goes straight to a <see cref="SpooledFile"/> under the size cap. Dispose it to delete the spool.
/// </summary>
public sealed class UploadForm : IAsyncDisposable
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);

    private UploadForm()
    {
    }

    public SpooledFile? File { get; private set; }
    public string? FileName { get; private set; }

    public string? Field(string name) => _fields.TryGetValue(name, out var values) ? values.LastOrDefault() : null;

    public IReadOnlyList<string> Fields(string name) => _fields.TryGetValue(name, out var values) ? values : [];

    public ResourceMetadataInput ToMetadata() => new()
    {
        Title = Field("title"),
        Summary = Field("summary"),
        Category = Field("category"),
        ReviewAreas = Fields("reviewAreas"),
        NeedAreas = Fields("needAreas"),
        Phases = Fields("phases"),
        Audiences = Fields("audiences"),
        School = Field("school"),
        Link = Field("link"),
        LastReviewedOn = DateOnly.TryParseExact(Field("lastReviewedOn"), "yyyy-MM-dd", out var reviewed) ? reviewed : null,
    };

    public static async Task<UploadForm> ReadAsync(HttpRequest request, UploadInspector inspector, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw ProblemException.Invalid("file", "Send the resource as multipart/form-data: a 'file' part (or a 'link' field) and the metadata fields.");
        }

        var form = new UploadForm();
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 8 * 1024 };
            var fields = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    if (!name.Equals("file", StringComparison.OrdinalIgnoreCase) || form.File is not null)
                    {
                        throw ProblemException.Invalid("file", "Send one file, in a part named 'file'.");
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (string.IsNullOrEmpty(fileName) && await IsEmptyAsync(section.Body, cancellationToken))
                    {
                        // A browser form sends an empty, nameless part for a file input left blank (a link was given instead).
                        continue;
                    }

                    inspector.CheckName(fileName);
                    form.FileName = fileName;
                    form.File = await SpooledFile.CopyAsync(section.Body, maxBytes, cancellationToken);
                    continue;
                }

                if (++fields > LibraryLimits.MaxFormFields)
                {
                    throw ProblemException.Invalid("form", "The form has too many fields.");
                }

                var value = await ReadFieldAsync(section.Body, name, cancellationToken);
                if (!form._fields.TryGetValue(name, out var values))
                {
                    form._fields[name] = values = [];
                }

                values.Add(value);
            }

            return form;
        }
        catch
        {
            await form.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File is not null)
        {
            await File.DisposeAsync();
        }
    }

    private static async Task<bool> IsEmptyAsync(Stream body, CancellationToken cancellationToken)
    {
        var probe = new byte[1];
        return await body.ReadAsync(probe, cancellationToken) == 0;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[LibraryLimits.MaxFormFieldBytes + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read > LibraryLimits.MaxFormFieldBytes)
        {
            throw ProblemException.Invalid(name, $"The '{name}' field is longer than SencoHub accepts.");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, 0, read);
        }
        catch (DecoderFallbackException)
        {
            throw ProblemException.Invalid(name, $"The '{name}' field is not valid UTF-8 text.");
        }
    }
}
