using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Keys;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Platform;

/// <summary>What every feature stands on: data, sign-in, errors, telemetry and the tab shell.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddSencoHubPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SencoHubOptions>().BindConfiguration(SencoHubOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSencoHubData(builder.Configuration, builder.Environment);
        services.AddSencoHubDataProtection(builder.Configuration);
        services.AddSencoHubAuth(builder.Configuration, builder.Environment);
        services.AddSencoHubErrors();
        services.AddSencoHubHostFiltering(builder.Configuration);
        services.AddSencoHubSignInRateLimit();
        services.AddSencoHubOperations(builder.Configuration);
        services.AddAntiforgery(options =>
        {
            // Tabs are framed by Teams; framing is governed by CSP frame-ancestors instead.
            options.SuppressXFrameOptionsHeader = true;
            if (!builder.Environment.IsDevelopment())
            {
                options.Cookie.SameSite = SameSiteMode.None;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            options.Conventions.AuthorizeFolder("/", Policies.SignedIn);
            options.Conventions.ConfigureFilter(new UnknownPageHandler());
            options.Conventions.RateLimitSignInPages();
        }).AddRazorOptions(options => options.PageViewLocationFormats.Add("/Pages/Shared/{0}.cshtml"));
        services.AddOptions<TeamsAppOptions>().BindConfiguration(TeamsAppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AppLinks>();
        services.AddSencoHubDelivery();
        services.AddSencoHubScheduling();
        services.AddSencoHubApiDocument();
        services.AddNavEntry("home", "/", "Home", order: 0);
        return builder;
    }

    public static WebApplication UseSencoHubPlatform(this WebApplication app)
    {
        app.UseSencoHubHostFiltering();
        app.UseSencoHubErrors();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Explicit, after the error handlers, so a re-executed error page is routed afresh; before the
        // tab middleware, so short-circuited endpoints (the bot) skip what only pages need.
        app.UseRouting();
        app.UseRateLimiter();
        app.Use(SecurityHeaders.Middleware);
        app.UseStaticFiles();
        app.Use(TabContext.Middleware);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSencoHubHealth();
        app.MapSencoHubAuth(app.Environment);
        // Only our tabs call the API, so its description asks for the same sign-in as the API itself.
        app.MapOpenApi().RequireAuthorization(RequireApiCaller);
        app.MapRazorPages();
        return app;
    }

    /// <summary>The API: bearer tokens only, everyone signed in and in the directory; features add stricter policies.</summary>
    public static RouteGroupBuilder MapSencoHubApi(this WebApplication app) =>
        app.MapGroup("/api")
            .RequireAuthorization(RequireApiCaller)
            .DisableAntiforgery()
            .DescribedWithProblems();

    private static void RequireApiCaller(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(Policies.ApiScheme)
        .RequireAuthenticatedUser()
        .AddRequirements(new DirectoryRoleRequirement());
}
