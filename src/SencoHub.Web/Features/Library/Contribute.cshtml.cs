using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// The contribute form (the SEND lead's publishes at once). The upload streams through
/// <see cref="AddResource"/> as the API's does, so the automatic anti-forgery check, which would read
/// the whole body first, is off here; the form's token field (sent first) is checked before anything is stored.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ContributeModel(AddResource add, LibraryAccess access, ReadLibrary read, DirectoryService directory, PersonResolver people,
    IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<LibraryOptions> options) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public ResourceMetadataInput Input { get; private set; } = new();
    public string? Note { get; private set; }
    public ResourceSummaryView? ForResource { get; private set; }
    public IReadOnlyList<School> Schools { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public IReadOnlyList<string> Extensions => options.Value.Uploads.EffectiveExtensions;
    public long MaxBytes => options.Value.Uploads.MaxBytes;

    public async Task<IActionResult> OnGetAsync(int? resourceId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(resourceId, cancellationToken) is { } refused)
        {
            return refused;
        }

        return Page();
    }

    /// <summary>No handler parameters at all (not even a cancellation token): any would make MVC read the whole form first.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Person = (await people.GetAsync(User, cancellationToken))!;
        int? resourceId = null;
        try
        {
            var added = await add.AddAsync(Request, Person, cancellationToken, async form =>
            {
                Input = form.ToMetadata();
                Note = form.Field("note");
                resourceId = int.TryParse(form.Field("resourceId"), out var id) ? id : null;
                Request.Headers[antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken"] = form.Field("__RequestVerificationToken") ?? string.Empty;
                if (!await antiforgery.IsRequestValidAsync(HttpContext))
                {
                    throw new AntiforgeryValidationException("The contribute form's anti-forgery token is missing or wrong.");
                }
            });
            return added.Published is { } published
                ? Redirect($"/library/resources/{published.Resource.Id}")
                : Redirect($"/library/contributions?submitted={added.Contribution!.Id}");
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (ProblemException refusal) when (refusal.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }
        catch (ProblemException refusal)
        {
            Errors = refusal.Errors;
            Message = refusal.Errors.Count > 0 ? "Nothing was added. Put right what is marked below, and attach the file again." : $"Nothing was added. {refusal.Detail ?? refusal.Title}";
            Response.StatusCode = refusal.Status;
        }

        await LoadAsync(resourceId, cancellationToken);
        return Page();
    }

    public bool Has(IReadOnlyList<string>? chosen, string value) => chosen?.Contains(value, StringComparer.OrdinalIgnoreCase) == true;

    public string? Error(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } messages ? string.Join(" ", messages) : null;

    private async Task<IActionResult?> LoadAsync(int? resourceId, CancellationToken cancellationToken)
    {
        if (Person is null)
        {
            Person = (await people.GetAsync(User, cancellationToken))!;
        }

        if (!LibraryAccess.MayContribute(Person, await access.SettingsAsync(cancellationToken)))
        {
            return Forbid();
        }

        if (resourceId is { } id)
        {
            ForResource = (await read.FindAsync(id, Person, cancellationToken))?.Resource;
            if (ForResource is null)
            {
                return NotFound();
            }
        }

        var schools = await directory.ListSchoolsAsync(cancellationToken);
        Schools = [.. schools.Where(s => Person.IsSendLead || Person.BelongsTo(s.Id))];
        return null;
    }
}
