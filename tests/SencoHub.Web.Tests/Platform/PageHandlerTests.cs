using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

public sealed class PageHandlerTests
{
    [Fact]
    public async Task EveryPage_AnswersAnUnknownHandlerOrMethod_WithAClientError_NeverA500()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var token = SignInTests.AntiforgeryToken(await lead.GetStringAsync("/admin"));
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => s.IsSimple && s.Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "1")))
            .Distinct()
            .ToList();
        Assert.Contains("/checkins/template", pages);

        var failures = new List<string>();
        foreach (var page in pages)
        {
            using var post = await lead.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["x"] = "1" }));
            using var unknownPost = await lead.PostAsync(page + "?handler=NoSuchHandler", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            using var unknownGet = await lead.GetAsync(page + "?handler=NoSuchHandler");
            foreach (var (what, response) in new[] { ("POST", post), ("POST ?handler", unknownPost), ("GET ?handler", unknownGet) })
            {
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{what} {page}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
        using var tracker = await lead.PostAsync("/actions/tracker", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, tracker.StatusCode);
    }
}
