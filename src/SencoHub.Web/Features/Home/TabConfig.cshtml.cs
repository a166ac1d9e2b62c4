using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Home;

/// <summary>Configuration page for the channel / group chat tab and the meeting side panel.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class TabConfigModel(Navigation navigation) : PageModel
{
    public IReadOnlyList<(string Key, string Path, string Title)> Sections { get; private set; } = [];

    public void OnGet() =>
        Sections = [.. navigation.Entries
            .Where(e => e.Key is not ("home" or "admin"))
            .Select(e => (e.Key, e.Path, e.Title))
            .DefaultIfEmpty(("home", "/", "Home"))];
}
