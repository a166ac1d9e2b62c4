namespace SencoHub.Web.Platform.Web;

/// <summary>
/// Tabs run in a Teams iframe, so framing is limited to Teams and Microsoft 365 hosts by CSP
/// rather than forbidden; scripts come only from us and the Teams JS CDN.
/// </summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self' https://res.cdn.office.net; " +
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us " +
        "https://*.office.com https://*.office365.com https://*.microsoft365.com https://*.cloud.microsoft https://outlook.office.com";

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        await next();
    }
}
