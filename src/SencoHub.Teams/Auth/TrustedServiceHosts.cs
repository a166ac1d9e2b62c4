namespace SencoHub.Teams.Auth;

/// <summary>
/// Hosts a bot token may be sent to, so a forged <c>serviceUrl</c> cannot make the bot leak its
/// token (the Agents SDK's list, protocol reference section 7), plus configured extras.
/// </summary>
internal sealed class TrustedServiceHosts
{
    private static readonly string[] ExactHosts = ["smba.trafficmanager.net"];
    private static readonly string[] SuffixHosts = [".botframework.com", ".teams.microsoft.com", ".teams.microsoft.us"];

    private readonly HashSet<string> _extra;

    /// <param name="extraHosts">Additional hosts, e.g. <c>127.0.0.1</c> for loopback tests; plain http is allowed only for these.</param>
    public TrustedServiceHosts(IEnumerable<string>? extraHosts = null) =>
        _extra = new HashSet<string>(extraHosts ?? [], StringComparer.OrdinalIgnoreCase);

    public bool IsTrusted(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri)
        {
            return false;
        }

        var host = serviceUrl.IdnHost;
        if (_extra.Contains(host))
        {
            return serviceUrl.Scheme is "https" or "http";
        }

        if (serviceUrl.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        return ExactHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            || SuffixHosts.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
