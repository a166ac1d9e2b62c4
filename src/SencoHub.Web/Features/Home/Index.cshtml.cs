using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Features.Home;

public sealed class IndexModel(PersonResolver people, DirectoryService directory, CalendarService calendar, TimeProvider clock) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public string TrustName { get; private set; } = string.Empty;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public HalfTerm? HalfTerm { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Person = (await people.GetAsync(User, cancellationToken))!;
        TrustName = await directory.TrustNameAsync(cancellationToken);
        var schools = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        Roles = [.. Person.Roles.Select(r => r.Describe(schools))];
        var terms = await calendar.LoadAsync(cancellationToken);
        Today = terms.LocalDate(clock.GetUtcNow());
        HalfTerm = terms.CurrentOrNextHalfTerm(Today);
    }
}
