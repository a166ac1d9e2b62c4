using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

/// <summary>
/// Sign-in, token and SSO endpoints answer a burst from one client with 429, Retry-After and
/// problem details; other clients and other endpoints are not affected.
/// </summary>
public sealed class SignInRateLimitTests
{
    private const string ClientHeader = "X-Test-Client-Address";

    [Fact]
    public async Task ABurstOf300_WithTheDefaultLimits_GetsTooManyRequests()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var client = app.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async _ =>
            (await client.PostAsJsonAsync("/dev/token", new { aadObjectId = DemoTrust.SendLead.AadObjectId })).StatusCode));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {s}"));
    }

    [Theory]
    [InlineData("POST", "/dev/token")]
    [InlineData("POST", "/auth/teams-sso")]
    [InlineData("GET", "/sign-in")]
    [InlineData("GET", "/dev/sign-in")]
    [InlineData("POST", "/dev/sign-in")]
    public async Task OverTheLimit_Is429_WithRetryAfter_AndProblemDetails(string method, string path)
    {
        await using var app = await LimitedAppAsync(permits: 3);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await SendAsync(client, method, path, "203.0.113.7");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await SendAsync(client, method, path, "203.0.113.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(429, (int?)problem!["status"]);
        Assert.Contains("Too many", (string?)problem["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClientsBurst_LeavesOtherClients_AndOtherEndpoints_Alone()
    {
        await using var app = await LimitedAppAsync(permits: 2);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            using var _ = await SendAsync(client, "POST", "/dev/token", "203.0.113.7");
        }

        using (var exhausted = await SendAsync(client, "POST", "/dev/token", "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
        }

        using var other = await SendAsync(client, "POST", "/dev/token", "198.51.100.20");
        using var health = await SendAsync(client, "GET", "/health", "203.0.113.7");
        using var page = await SendAsync(client, "GET", "/", "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task AnIPv6Client_IsCountedByIts64_NotByEachAddressItHolds()
    {
        await using var app = await LimitedAppAsync(permits: 2);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var address in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2" })
        {
            using var _ = await SendAsync(client, "POST", "/dev/token", address);
        }

        using var sameNetwork = await SendAsync(client, "POST", "/dev/token", "2001:db8:1:2:ffff::9");
        using var otherNetwork = await SendAsync(client, "POST", "/dev/token", "2001:db8:1:3::1");
        using var mappedIPv4 = await SendAsync(client, "POST", "/dev/token", "::ffff:203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mappedIPv4.StatusCode);
    }

    /// <summary>The app with a small limit, and each request's client address taken from a test header.</summary>
    private static Task<SencoHubApp> LimitedAppAsync(int permits) =>
        new SencoHubApp()
            .Setting("SencoHub:RateLimits:SignIn:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Setting("SencoHub:RateLimits:SignIn:Window", "01:00:00")
            .ConfigureServicesWith(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>())
            .StartAsync();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string clientAddress)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(ClientHeader, clientAddress);
        if (path == "/dev/token")
        {
            request.Content = JsonContent.Create(new { aadObjectId = DemoTrust.SendLead.AadObjectId });
        }
        else if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The test server has no remote address; this stands in for the connection's.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
