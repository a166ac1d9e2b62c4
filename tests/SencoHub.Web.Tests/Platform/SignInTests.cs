using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

public sealed class SignInTests
{
    [Fact]
    public async Task DevToken_IsAcceptedByTheApi_AndRolesComeFromTheDirectory()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var senco = DemoTrust.SencoOfTwoSchools;
        var client = await app.ClientForAsync(senco.AadObjectId);

        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");

        Assert.Equal(senco.Name, (string?)me!["name"]);
        var schools = me["roles"]!.AsArray().Select(r => (string?)r!["schoolId"]).ToList();
        Assert.Equal(senco.Roles.Select(r => r.School).Order(), schools.Order());
    }

    [Fact]
    public async Task Api_WithoutAToken_Is401ProblemDetails_AndACookieIsNotEnough()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var browser = await SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Api_WithAForgedToken_Is401()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var client = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task DevToken_ForSomeoneNotInTheDirectory_IsRefused()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var response = await app.CreateClient().PostAsJsonAsync("/dev/token", new { aadObjectId = "stranger" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DevSignIn_AndDevToken_DoNotExistOutsideDevelopment()
    {
        await using var app = await new SencoHubApp(environment: "Production").StartAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/dev/token", new { aadObjectId = DemoTrust.SendLead.AadObjectId })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Pages_RedirectToSignIn_AndASencoGets403OnAdmin()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await anonymous.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/sign-in", redirect.Headers.Location!.PathAndQuery);

        var senco = await SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);
        var forbidden = await senco.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("You do not have access to this page", await forbidden.Content.ReadAsStringAsync());

        var lead = await SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var admin = await lead.GetStringAsync("/admin");
        Assert.Contains("Oakfield Primary", admin);
    }

    [Fact]
    public async Task TeamsSsoExchange_WithoutEntraConfigured_Is501()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var response = await app.CreateClient().PostAsync("/auth/teams-sso", null);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    internal static async Task<HttpClient> SignedInBrowserAsync(SencoHubApp app, string aadObjectId)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/dev/sign-in");
        var token = AntiforgeryToken(page);
        var response = await client.PostAsync("/dev/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["aadObjectId"] = aadObjectId,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    internal static string AntiforgeryToken(string html)
    {
        const string marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
