using System.Net;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

/// <summary>
/// Redirects are built from the request's Host header: with AllowedHosts set (as infra sets it to
/// the app's public address) a forged Host is refused, so no redirect can point at it.
/// </summary>
public sealed class HostFilteringTests : IAsyncLifetime
{
    private const string PublicHost = "sencohub.example.org";

    private SencoHubApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp(environment: "Production")
            .Setting("AllowedHosts", PublicHost)
            .OnKestrel()
            .StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _app.ServerUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:443")]
    [InlineData("sencohub.example.org.evil.example")]
    public async Task ForgedHost_GetsNoRedirectToIt(string forgedHost)
    {
        using var response = await GetAsync("/actions", forgedHost);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePublicHost_IsRedirectedToSignInOnItself()
    {
        using var response = await GetAsync("/actions", PublicHost);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(!location.IsAbsoluteUri || location.Host == PublicHost, $"redirected to {location}");
        Assert.Contains("/sign-in", location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthProbe_IsAnsweredWhateverTheHost()
    {
        // App Service probes each instance directly; its Host header is not the public name.
        using var response = await GetAsync("/health", "10.0.0.4:8080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await _http.SendAsync(request);
    }
}
