using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.SignIn;

[AllowAnonymous]
public sealed class SignInModel(IHostEnvironment environment) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";
    public bool InTeams { get; private set; }
    public bool DevSignInAvailable => environment.IsDevelopment();

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = LocalUrl.OrHome(returnUrl);
        InTeams = HttpContext.Tab().InTeams;
    }
}
