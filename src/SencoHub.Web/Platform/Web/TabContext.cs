namespace SencoHub.Web.Platform.Web;

/// <summary>Teams theme names, as the Teams client reports them.</summary>
public enum TabTheme
{
    Default,
    Dark,
    Contrast,
}

/// <summary>
/// What a tab page needs to know about its host: the Teams theme (from <c>?theme=</c> outside
/// Teams; the Teams context updates it on the client) and whether it runs inside Teams.
/// Both are remembered in cookies so navigation keeps them.
/// </summary>
public sealed class TabContext
{
    private const string ThemeCookie = "sencohub-theme";
    private const string InTeamsCookie = "sencohub-inteams";

    public TabTheme Theme { get; private set; }
    public bool InTeams { get; private set; }

    public string ThemeName => Theme.ToString().ToLowerInvariant();

    internal static async Task Middleware(HttpContext context, Func<Task> next)
    {
        var tab = new TabContext();
        var request = context.Request;
        var theme = request.Query["theme"].FirstOrDefault() ?? request.Cookies[ThemeCookie];
        if (Enum.TryParse<TabTheme>(theme, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            tab.Theme = parsed;
        }

        tab.InTeams = request.Query["inTeams"] == "1" || request.Cookies[InTeamsCookie] == "1";
        if (request.Query.ContainsKey("theme"))
        {
            context.Response.Cookies.Append(ThemeCookie, tab.ThemeName, CookieOptionsFor(request));
        }

        if (request.Query["inTeams"] == "1")
        {
            context.Response.Cookies.Append(InTeamsCookie, "1", CookieOptionsFor(request));
        }

        context.Features.Set(tab);
        await next();
    }

    private static CookieOptions CookieOptionsFor(HttpRequest request) => new()
    {
        HttpOnly = false,
        Secure = request.IsHttps,
        SameSite = request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
        MaxAge = TimeSpan.FromDays(30),
    };
}

public static class TabContextExtensions
{
    public static TabContext Tab(this HttpContext context) => context.Features.Get<TabContext>() ?? new TabContext();
}
