using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SencoHub.Web.Platform.Auth;

/// <summary>How many sign-in, token and SSO requests one client address may make per window.</summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "SencoHub:RateLimits:SignIn";

    /// <summary>Requests per client per window. Generous: a school's staff often share one public address.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// ASP.NET Core's rate limiter on the endpoints that start a session or mint a token, partitioned
/// by client address: a burst gets 429 with Retry-After and problem details, not a free run at
/// token validation and directory look-ups.
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "sign-in";

    private static readonly string[] Pages = ["/SignIn/SignIn", "/SignIn/DevSignIn"];

    public static IServiceCollection AddSencoHubSignInRateLimit(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Window > TimeSpan.Zero, "SencoHub:RateLimits:SignIn:Window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.AddPolicy(PolicyName, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>The sign-in pages get the policy too (minimal endpoints call <c>RequireRateLimiting</c>).</summary>
    public static PageConventionCollection RateLimitSignInPages(this PageConventionCollection conventions)
    {
        foreach (var page in Pages)
        {
            conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(PolicyName)));
        }

        return conventions;
    }

    /// <summary>
    /// The client's address (behind App Service, once forwarded headers are on, as infra sets);
    /// IPv6 by its /64, which one client can fill with addresses of its own.
    /// </summary>
    internal static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var prefix = address.GetAddressBytes();
            Array.Clear(prefix, 8, 8);
            return new IPAddress(prefix) + "/64";
        }

        return address.ToString();
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var detail = "Please wait a moment and try again.";
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            detail = $"Please try again in {seconds} seconds.";
        }

        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many sign-in requests from this address.", Detail = detail };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
