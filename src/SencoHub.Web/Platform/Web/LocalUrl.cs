using System.Text.RegularExpressions;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// Where the app may send someone after signing in, or follow a card's deep link to: a path on this
/// site, else home. One rule for every return URL, on the server and in <c>tab.js</c>.
/// </summary>
public static partial class LocalUrl
{
    /// <summary>
    /// A single leading '/' then only characters our own paths use. Browsers drop tabs and newlines
    /// from URLs and read '\' as '/', so "/\t/evil.example" would become "//evil.example", another site:
    /// nothing but these characters gets through. Unanchored so <c>tab.js</c> can wrap it in JavaScript's
    /// anchors (where '$' means the end) and the server in .NET's (where '$' also matches before a final newline).
    /// </summary>
    public const string Pattern = @"\/(?![\/\\])[A-Za-z0-9\/_\-.?=&%]*";

    public static bool IsLocal(string? url) => url is not null && Local().IsMatch(url);

    public static string OrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    [GeneratedRegex(@"\A" + Pattern + @"\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Local();
}
