using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace SencoHub.Web.Platform.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapSencoHubAuth(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            app.MapPost("/dev/token", MintDevTokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInRateLimit.PolicyName);
        }

        app.MapPost("/auth/teams-sso", ExchangeTeamsTokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SignInRateLimit.PolicyName);
        app.MapPost("/sign-out", SignOutAsync);
        return app;
    }

    /// <summary>
    /// Only the layout's form, which carries the anti-forgery token, ends a session: the cookie is
    /// SameSite=None inside Teams, so another site's form would otherwise sign people out.
    /// Minimal APIs check the token by themselves only for endpoints that bind a form, so it is checked here.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/sign-in");
    }

    public sealed record DevTokenRequest(string? AadObjectId);

    public sealed record DevTokenResponse(string AccessToken);

    private static async Task<Results<Ok<DevTokenResponse>, ProblemHttpResult>> MintDevTokenAsync(
        DevTokenRequest? request, IPersonDirectory directory, DevTokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.AadObjectId))
        {
            return TypedResults.Problem(statusCode: 400, title: "aadObjectId is required.");
        }

        var person = await directory.FindAsync(request.AadObjectId, cancellationToken);
        return person is null
            ? TypedResults.Problem(statusCode: 404, title: "No one with that aadObjectId is in the trust directory.")
            : TypedResults.Ok(new DevTokenResponse(issuer.Mint(person)));
    }

    /// <summary>
    /// The tab posts its Teams SSO token here; a valid token for someone in the directory starts
    /// the cookie session the pages use.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ExchangeTeamsTokenAsync(
        HttpContext context, IOptions<EntraOptions> entra, IPersonDirectory directory)
    {
        if (!entra.Value.IsEnabled)
        {
            return TypedResults.Problem(statusCode: 501, title: "Teams single sign-on is not configured on this server.");
        }

        var result = await context.AuthenticateAsync(AuthSetup.EntraScheme);
        var objectId = result.Succeeded ? SignInClaims.ObjectId(result.Principal) : null;
        if (objectId is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "The Teams sign-in token was not accepted.");
        }

        var person = await directory.FindAsync(objectId, context.RequestAborted);
        if (person is null)
        {
            return TypedResults.Problem(statusCode: 403, title: "Your trust has not added you to SencoHub yet.",
                detail: "Ask your trust's SEND lead to add you to the SencoHub directory.");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SignInClaims.ForCookie(person, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.NoContent();
    }
}
