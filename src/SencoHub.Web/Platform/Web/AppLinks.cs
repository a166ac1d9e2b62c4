using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform.Web;

public sealed class TeamsAppOptions
{
    public const string SectionName = "SencoHub:Teams";

    /// <summary>The Teams app id from the manifest (a GUID); when set, card links open the tab inside Teams.</summary>
    [RegularExpression("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", ErrorMessage = "SencoHub:Teams:AppId must be the manifest's id, a GUID.")]
    public string? AppId { get; set; }
}

/// <summary>
/// Absolute links for cards and messages, which leave the request that made them: the configured
/// public URL in production, else the address this server listens on.
/// </summary>
public sealed class AppLinks(IOptions<SencoHubOptions> app, IOptions<TeamsAppOptions> teams, IServer server)
{
    public Uri BaseUri
    {
        get
        {
            var configured = app.Value.PublicBaseUrl;
            var address = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            return new Uri(address.TrimEnd('/') + "/");
        }
    }

    public string Page(string path) => new Uri(BaseUri, path.TrimStart('/')).ToString();

    /// <summary>A tab: a Teams deep link when the Teams app id is known, else the page itself.</summary>
    public string Tab(string entityId, string path)
    {
        var appId = teams.Value.AppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            return Page(path);
        }

        var context = Uri.EscapeDataString($"{{\"subEntityId\":\"{path}\"}}");
        return $"https://teams.microsoft.com/l/entity/{Uri.EscapeDataString(appId)}/{Uri.EscapeDataString(entityId)}?webUrl={Uri.EscapeDataString(Page(path))}&context={context}";
    }
}
