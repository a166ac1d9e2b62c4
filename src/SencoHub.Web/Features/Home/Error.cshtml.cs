using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Home;

/// <summary>The friendly page behind every error status on the tabs; keeps the real status code.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Advice { get; private set; } = string.Empty;

    public void OnGet(int status) => Describe(status);

    public void OnPost(int status) => Describe(status);

    private void Describe(int status)
    {
        var original = HttpContext.Response.StatusCode;
        // Visited directly with a number that is no HTTP error: there is no such page.
        HttpContext.Response.StatusCode = original >= 400 ? original : (status is >= 400 and < 600 ? status : 404);
        Title = TitleFor(HttpContext.Response.StatusCode);
        // A refusal's detail is written to be shown to the person (it never repeats what was refused).
        var refusal = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error as ProblemException;
        Advice = HttpContext.Response.StatusCode switch
        {
            _ when refusal?.Detail is { Length: > 0 } detail => detail,
            403 => "This page is for other roles in the trust. If you think you should see it, ask your trust's SEND lead.",
            404 => "The address may be mistyped, or the item may have been removed.",
            _ => "Please try again. If it keeps happening, tell your trust's IT team; the error has been logged.",
        };
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "You need to sign in.",
        403 => "You do not have access to this page.",
        404 => "That page was not found.",
        _ => "Something went wrong on our side.",
    };
}
