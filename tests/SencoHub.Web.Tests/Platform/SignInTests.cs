using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Web;

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

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\u00a0/evil.example")]
    [InlineData("/\u200b/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/actions\n")]
    [InlineData("")]
    [InlineData(null)]
    public void ReturnUrl_ThatCouldLeaveTheSite_FallsBackHome(string? returnUrl)
    {
        Assert.Equal("/", LocalUrl.OrHome(returnUrl));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/actions/12")]
    [InlineData("/checkins?round=3&school=nb-oak")]
    [InlineData("/strategy/acknowledgements/5?published=true")]
    [InlineData("/actions?status=Blocked&q=a%20b")]
    public void ReturnUrl_OnThisSite_IsKept(string returnUrl)
    {
        Assert.Equal(returnUrl, LocalUrl.OrHome(returnUrl));
    }

    [Fact]
    public void TheTabScript_FollowsDeepLinksByTheSameRule()
    {
        // tab.js checks a card's deep link (subPageId) in the browser: it must be the server's rule, character for character.
        var script = File.ReadAllText(Path.Combine(SencoHub.Testing.Playground.RepoRoot, "src", "SencoHub.Web", "wwwroot", "js", "tab.js"));
        Assert.Contains("/^" + LocalUrl.Pattern + "$/.test(", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsSignIn_WithAReturnUrlHidingAnotherSite_ReturnsHome()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/sign-in?inTeams=1&returnUrl=%2F%09%2Fevil.example%2F");

        Assert.Contains("data-return-url=\"/\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task DevSignIn_WithAReturnUrlHidingAnotherSite_SignsInAndGoesHome(string returnUrl)
    {
        await using var app = await new SencoHubApp().StartAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = AntiforgeryToken(await client.GetStringAsync("/dev/sign-in"));

        var response = await client.PostAsync("/dev/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["aadObjectId"] = DemoTrust.SendLead.AadObjectId,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheSessionStays()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var browser = await SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);

        // What another site's auto-submitting form sends: the cookie, no token.
        var forged = new HttpRequestMessage(HttpMethod.Post, "/sign-out") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Origin", "https://evil.example");
        var response = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheLayoutsForm_EndsTheSession()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var browser = await SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);
        var home = await browser.GetStringAsync("/");
        var form = home[home.IndexOf("action=\"/sign-out\"", StringComparison.Ordinal)..];

        var response = await browser.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.OriginalString);
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
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
