using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Storage;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>What became of an upload: published at once (the SEND lead) or waiting for approval (anyone else).</summary>
public sealed record AddedResource(ResourceDetailView? Published, ContributionView? Contribution);

/// <summary>
/// <c>POST /api/library/resources</c>: a file (or a link) with its metadata. The SEND lead's is
/// published; anyone else who may contribute leaves it waiting, unpublished, in the file store.
/// Every check runs before anything is stored, and a failure after that takes back what was stored.
/// </summary>
public sealed partial class AddResource(
    SencoHubDb db, UploadInspector inspector, LibraryAccess access, PublishResource publish, ReadLibrary read, DirectoryService directory,
    IFileStore files, IOptions<LibraryOptions> options, TimeProvider clock, ILogger<AddResource> logger)
{
    public const string ContributionsFolder = "contributions";

    /// <param name="checkForm">Runs once the form is read and before anything is checked or stored (the tab checks its anti-forgery field here).</param>
    public async Task<AddedResource> AddAsync(HttpRequest request, SignedInPerson person, CancellationToken cancellationToken, Func<UploadForm, Task>? checkForm = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.EnsureMayContributeAsync(person, cancellationToken);
        var maxBytes = options.Value.Uploads.MaxBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The file is counted against the cap as it streams; this only stops a body far beyond it.
            limit.MaxRequestBodySize = maxBytes + (1024 * 1024);
        }

        await using var form = await UploadForm.ReadAsync(request, inspector, maxBytes, cancellationToken);
        if (checkForm is not null)
        {
            await checkForm(form);
        }

        var errors = new Dictionary<string, string[]>();
        var forResource = await ForResourceAsync(form.Field("resourceId"), person, errors, cancellationToken);
        var input = form.ToMetadata();
        var metadata = forResource is not null && string.IsNullOrWhiteSpace(input.Title) ? forResource.Metadata : ResourceMetadata.Check(input, errors);
        var link = ResourceMetadata.CheckLink(errors, input.Link);
        var note = NullIfEmpty(TypedText.Text(errors, "note", form.Field("note"), LibraryLimits.NoteLength, null));
        if ((form.File is null) == (link is null))
        {
            errors["file"] = [form.File is null ? "Attach a file, or give a link to a web page." : "Give a file or a link, not both."];
        }

        if (metadata is not null)
        {
            metadata = metadata with { SchoolId = await SchoolAsync(metadata.SchoolId, person, errors, cancellationToken) };
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var inspected = form.File is null ? null : await inspector.InspectAsync(form.FileName, form.File, cancellationToken);
        if (person.IsSendLead)
        {
            var file = inspected is null ? null : new FileToPublish(inspected.FileName, inspected.ContentType, form.File!.Length, form.File.Sha256, _ => Task.FromResult(form.File.OpenRead()));
            var resource = await publish.PublishAsync(new Publication(metadata!, file, link, inspected?.IndexText ?? string.Empty, note, input.LastReviewedOn, person, forResource), cancellationToken);
            return new AddedResource(await read.FindAsync(resource.Id, person, cancellationToken), null);
        }

        var contribution = await ContributeAsync(metadata!, forResource?.Id, inspected, form.File, link, note, person, cancellationToken);
        return new AddedResource(null, ReadLibrary.View(contribution, await SchoolNamesAsync(cancellationToken)));
    }

    private async Task<LibraryContribution> ContributeAsync(ResourceMetadata metadata, int? forResourceId, InspectedFile? inspected, SpooledFile? file, string? link, string? note,
        SignedInPerson person, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (inspected is null)
        {
            var linked = LibraryContribution.OfLink(metadata, forResourceId, link!, note, person, now);
            db.Add(linked);
            await db.SaveChangesAsync(cancellationToken);
            return linked;
        }

        var key = $"{ContributionsFolder}/{Guid.NewGuid():N}";
        await using (var content = file!.OpenRead())
        {
            await files.WriteAsync(key, content, inspected.ContentType, cancellationToken);
        }

        try
        {
            var contribution = LibraryContribution.OfFile(metadata, forResourceId,
                new StoredContent(key, inspected.FileName, inspected.ContentType, file.Length, file.Sha256), inspected.IndexText, note, person, now);
            db.Add(contribution);
            await db.SaveChangesAsync(cancellationToken);
            return contribution;
        }
        catch
        {
            await DeleteQuietlyAsync(files, key, logger);
            throw;
        }
    }

    private async Task<LibraryResource?> ForResourceAsync(string? id, SignedInPerson person, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var resource = int.TryParse(id, out var resourceId)
            ? await db.Set<LibraryResource>().Include(r => r.Versions).FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken)
            : null;
        if (resource is null || !LibraryAccess.MaySee(resource, person))
        {
            errors["resourceId"] = ["There is no such resource to add a version to."];
            return null;
        }

        return resource;
    }

    /// <summary>The contributing school: any of the trust's for the SEND lead; one of their own for anyone else (theirs by default when they have one).</summary>
    private async Task<string?> SchoolAsync(string? schoolId, SignedInPerson person, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (schoolId is null)
        {
            return person.IsSendLead || person.SchoolIds.Count != 1 ? null : person.SchoolIds[0];
        }

        if ((!person.IsSendLead && !person.BelongsTo(schoolId)) || await directory.FindSchoolAsync(schoolId, cancellationToken) is null)
        {
            errors["school"] = [person.IsSendLead ? "That is not a school of this trust." : "Choose one of your own schools, or none."];
        }

        return schoolId;
    }

    private async Task<IReadOnlyDictionary<string, string>> SchoolNamesAsync(CancellationToken cancellationToken) =>
        (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    internal static async Task DeleteQuietlyAsync(IFileStore files, string key, ILogger logger)
    {
        try
        {
            await files.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Azure.RequestFailedException or HttpRequestException)
        {
            LogOrphan(logger, ex, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete file {Key} from the file store; it is unreferenced")]
    private static partial void LogOrphan(ILogger logger, Exception exception, string key);
}
