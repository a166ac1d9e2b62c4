using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SencoHub.Web.Platform.Auth;

public static class AuthSetup
{
    public const string DevBearerScheme = "DevBearer";
    public const string EntraScheme = "Entra";
    private const string NoBearerScheme = "NoBearer";

    public static IServiceCollection AddSencoHubAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<EntraOptions>().BindConfiguration(EntraOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DevSignInOptions>().BindConfiguration(DevSignInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var entra = configuration.GetSection(EntraOptions.SectionName).Get<EntraOptions>() ?? new EntraOptions();
        var devSignIn = environment.IsDevelopment();

        services.AddScoped<PersonResolver>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddScoped<IAuthorizationHandler, DirectoryRoleHandler>();
        services.AddScoped<IAuthorizationHandler, SchoolRoleHandler>();
        services.AddAuthorization(Policies.Add);

        var auth = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ".SencoHub";
                options.Cookie.HttpOnly = true;
                // Inside Teams the tab is a third-party iframe: the cookie must be SameSite=None; Secure.
                options.Cookie.SameSite = devSignIn ? SameSiteMode.Lax : SameSiteMode.None;
                options.Cookie.SecurePolicy = devSignIn ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/sign-in";
                // Roles are read afresh on every request: someone the directory no longer lists, or who
                // lost every role, is signed out at once rather than when the cookie expires.
                options.Events.OnValidatePrincipal = async context =>
                {
                    var people = context.HttpContext.RequestServices.GetRequiredService<PersonResolver>();
                    if (context.Principal is null || await people.GetAsync(context.Principal, context.HttpContext.RequestAborted) is null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                // A real 403 (then the friendly error page), not a redirect to one.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddPolicyScheme(Policies.ApiScheme, "Bearer token", options =>
                options.ForwardDefaultSelector = context => SelectBearerScheme(context, devSignIn, entra.IsEnabled))
            .AddScheme<AuthenticationSchemeOptions, NoBearerHandler>(NoBearerScheme, _ => { });

        if (devSignIn)
        {
            auth.AddJwtBearer(DevBearerScheme, _ => { });
            services.AddOptions<JwtBearerOptions>(DevBearerScheme).Configure<DevTokenIssuer, TimeProvider>((options, issuer, clock) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = DevTokenIssuer.Issuer,
                    ValidAudience = DevTokenIssuer.Audience,
                    IssuerSigningKey = issuer.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    // Dev tokens are minted on the app's clock, so they are checked against it too.
                    LifetimeValidator = (notBefore, expires, _, _) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return notBefore <= now.AddSeconds(30) && expires >= now.AddSeconds(-30);
                    },
                };
            });
        }

        if (entra.IsEnabled)
        {
            auth.AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    jwt.MapInboundClaims = false;
                    // Plain HTTP metadata only for a loopback instance (local emulators in tests); never for a real host.
                    jwt.RequireHttpsMetadata = !IsLoopbackHttp(entra.Instance);
                    jwt.TokenValidationParameters.ValidAudiences = [.. new[] { entra.ClientId!, entra.ApplicationIdUri }.OfType<string>()];
                    jwt.Events = new JwtBearerEvents { OnTokenValidated = RequireScope(entra.RequiredScope) };
                },
                identity =>
                {
                    identity.Instance = entra.Instance;
                    identity.TenantId = entra.TenantId;
                    identity.ClientId = entra.ClientId;
                },
                EntraScheme,
                subscribeToJwtBearerMiddlewareDiagnosticsEvents: false);

            // A trust is one tenant: accept exactly its v2 and v1 issuers, the same check in
            // production and against a loopback emulator (Identity.Web's multi-tenant validator
            // would fetch its own metadata over HTTPS only).
            services.PostConfigure<JwtBearerOptions>(EntraScheme, jwt =>
            {
                jwt.TokenValidationParameters.IssuerValidator = null;
                jwt.TokenValidationParameters.ValidIssuers =
                    [$"{entra.Instance.TrimEnd('/')}/{entra.TenantId}/v2.0", $"https://sts.windows.net/{entra.TenantId}/"];
            });
        }

        return services;
    }

    private static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static Func<TokenValidatedContext, Task> RequireScope(string scope) => context =>
    {
        var scopes = (context.Principal?.FindFirst("scp")?.Value ?? string.Empty).Split(' ');
        if (!scopes.Contains(scope, StringComparer.Ordinal))
        {
            context.Fail($"The token lacks the '{scope}' scope.");
        }

        return Task.CompletedTask;
    };

    /// <summary>Development tokens go to the dev scheme; everything else to Entra when configured.</summary>
    private static string SelectBearerScheme(HttpContext context, bool devSignIn, bool entraEnabled)
    {
        if (devSignIn && IssuerOf(context.Request.Headers.Authorization.ToString()) == DevTokenIssuer.Issuer)
        {
            return DevBearerScheme;
        }

        return entraEnabled ? EntraScheme : NoBearerScheme;
    }

    private static string? IssuerOf(string authorization)
    {
        const string prefix = "Bearer ";
        if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var token = authorization[prefix.Length..].Trim();
        return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Issuer : null;
    }
}
