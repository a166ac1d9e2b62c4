using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.SignIn;

/// <summary>Development only (404 elsewhere): sign in as any person in the directory.</summary>
[AllowAnonymous]
public sealed class DevSignInModel(IHostEnvironment environment, DirectoryService directory) : PageModel
{
    private Dictionary<string, string> _schoolNames = [];

    public IReadOnlyList<SignedInPerson> People { get; private set; } = [];
    public string TrustName { get; private set; } = string.Empty;
    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        ReturnUrl = LocalUrl.OrHome(returnUrl);
        // Only people who may sign in: someone without a role is refused below anyway.
        People = [.. (await directory.ListAsync(cancellationToken)).Where(p => p.Roles.Count > 0)];
        TrustName = await directory.TrustNameAsync(cancellationToken);
        _schoolNames = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? aadObjectId, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var person = string.IsNullOrEmpty(aadObjectId) ? null : await directory.FindAsync(aadObjectId, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SignInClaims.ForCookie(person, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    public string Describe(RoleGrant grant) =>
        grant.Describe(_schoolNames);
}
