using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>One resource: its description, the file to open, every version, and "mark reviewed" for the SEND lead.</summary>
public sealed class ResourceModel(ReadLibrary read, EditResource edit, LibraryAccess access, PersonResolver people, IOptions<ScheduleOptions> schedule) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public ResourceDetailView Detail { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }
    public bool MayContribute { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The file (or a redirect to the link), for the signed-in tab; the API serves the same to bearer callers.</summary>
    public async Task<IActionResult> OnGetContentAsync(int id, int? version, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            var content = await read.OpenContentAsync(id, version is > 0 ? version : null, Person, cancellationToken);
            return content.Link is { } link ? Redirect(link) : File(content.Stream!, content.ContentType!, content.FileName);
        }
        catch (ProblemException refusal) when (refusal.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostReviewedAsync(int id, CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        try
        {
            await edit.MarkReviewedAsync(id, Person, cancellationToken);
            (Message, Succeeded) = ("Marked as reviewed today.", true);
        }
        catch (ProblemException refusal)
        {
            if (refusal.Status == StatusCodes.Status403Forbidden)
            {
                return Forbid();
            }

            (Message, Succeeded) = (refusal.Detail ?? refusal.Title, false);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public string Date(DateTimeOffset instant) => UkDates.Format(instant, schedule.Value.ResolveTimeZone());

    public static string ContentPath(int id, int? version = null) =>
        $"/library/resources/{id}/content" + (version is { } number ? $"?version={number}" : string.Empty);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (Person is null)
        {
            Person = (await people.GetAsync(User, cancellationToken))!;
        }

        var detail = await read.FindAsync(id, Person, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        MayContribute = LibraryAccess.MayContribute(Person, await access.SettingsAsync(cancellationToken));
        return true;
    }
}
