using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Features.Directory;

[Authorize(Policy = Policies.SendLead)]
public sealed class AdminModel(DirectoryService directory, CalendarService calendar, ImportDirectory import, ConversationStore conversations) : PageModel
{
    internal const long MaxDirectoryFileBytes = 5 * 1024 * 1024;

    private Dictionary<string, string> _schoolNames = [];

    public string TrustName { get; private set; } = string.Empty;
    public IReadOnlyList<School> Schools { get; private set; } = [];
    public IReadOnlyList<DirectoryPerson> People { get; private set; } = [];
    public IReadOnlyList<HalfTerm> HalfTerms { get; private set; } = [];
    public ConversationRecord? NetworkChannel { get; private set; }
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;
    public string? Message { get; private set; }
    public bool Succeeded { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool removeAbsentPeople, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Message = "Choose a directory file to import.";
        }
        else if (file.Length > MaxDirectoryFileBytes)
        {
            Message = "That file is larger than 5 MB; a directory file is much smaller. Nothing was imported.";
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var json = await reader.ReadToEndAsync(cancellationToken);
            try
            {
                Message = $"Imported: {await import.ImportAsync(json, removeAbsentPeople, cancellationToken)}";
                Succeeded = true;
            }
            catch (DirectoryFileException ex)
            {
                Message = ex.Message;
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public string Describe(RoleGrant grant) =>
        grant.Describe(_schoolNames);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        TrustName = await directory.TrustNameAsync(cancellationToken);
        Schools = await directory.ListSchoolsAsync(cancellationToken);
        _schoolNames = Schools.ToDictionary(s => s.Id, s => s.Name);
        People = await directory.ListEveryoneAsync(cancellationToken);
        HalfTerms = await calendar.ListHalfTermsAsync(cancellationToken);
        NetworkChannel = await conversations.NetworkChannelAsync(cancellationToken);
        TimeZone = calendar.TimeZone;
    }
}
