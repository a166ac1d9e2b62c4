using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Tests.Platform;

/// <summary>A refusal raised while a page works (for example the pupil-data barrier on save) is an answer with its status, not a 500.</summary>
public sealed class PageRefusalTests
{
    [Fact]
    public async Task ARefusalOnAPage_ShowsTheFriendlyPage_WithItsStatusAndMessage()
    {
        await using var app = await new SencoHubApp()
            .ConfigureServicesWith(services => services.AddSingleton<IStartupFilter, RefusingPage>())
            .StartAsync();
        var client = app.CreateClient();

        using var response = await client.GetAsync("/refusing-page");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("The request is not valid.", page, StringComparison.Ordinal);
        Assert.Contains("Notes look like they hold a pupil identifier", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFaultOnAPage_IsStillA500_WithoutItsDetail()
    {
        await using var app = await new SencoHubApp()
            .ConfigureServicesWith(services => services.AddSingleton<IStartupFilter, RefusingPage>())
            .StartAsync();
        var client = app.CreateClient();

        using var response = await client.GetAsync("/failing-page");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret internals", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Two pages added behind the app's own error handling: one refuses, one fails.</summary>
    private sealed class RefusingPage : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, Func<Task> rest) => context.Request.Path.Value switch
            {
                "/refusing-page" => throw ProblemException.Invalid("notes", "Notes look like they hold a pupil identifier; remove it and try again."),
                "/failing-page" => throw new InvalidOperationException("secret internals"),
                _ => rest(),
            });
        };
    }
}
