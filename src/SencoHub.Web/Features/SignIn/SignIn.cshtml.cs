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
        ReturnUrl = SafeReturnUrl(returnUrl);
        InTeams = HttpContext.Tab().InTeams;
    }

    /// <summary>Only local paths, so the sign-in page cannot be used to bounce people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
