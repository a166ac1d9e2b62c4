using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Home;

/// <summary>Configuration page for the channel / group chat tab and the meeting side panel.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class TabConfigModel(Navigation navigation) : PageModel
{
    public IReadOnlyList<(string Key, string Path, string Title)> Sections { get; private set; } = [];

    public void OnGet() =>
        Sections = [.. Navigation.Sections
            .Where(s => s.Key is not ("home" or "admin"))
            .Select(s => (s.Key, Entry: navigation.Find(s.Key), s.Title))
            .Where(s => s.Entry is not null)
            .Select(s => (s.Key, s.Entry!.Path, s.Title))
            .DefaultIfEmpty(("home", "/", "Home"))];
}
