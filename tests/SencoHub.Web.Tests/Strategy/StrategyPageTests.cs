using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SencoHub.Testing;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Tests.Platform;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyPageTests
{
    private const string HostileVision = """
        ## Our vision
        Every teacher is a **teacher of SEND**.

        <script>alert('x')</script>
        <iframe src="https://evil.example"></iframe>
        <img src=x onerror="alert(1)">
        [Click me](javascript:alert(1)) and [the Code of Practice](https://www.gov.uk/government/publications/send-code-of-practice-0-to-25)
        """;

    private static async Task<IDocument> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StrategyPage_ShowsSanitisedMarkdown_PrioritiesByReviewArea_WhatChanged_AndEveryVersion(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var first = await PublishNewVersionAsync(app);
        await PublishNewVersionAsync(app, Body(vision: HostileVision, priorities:
        [
            Priority("Consistent early identification", "Identification"),
            Priority("SEND on every leadership agenda", "Leadership", 6, owner: "Headteachers"),
            Priority("Shared provision maps", "DevelopingProvision", 2),
        ]));
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);

        var page = await PageAsync(senco, "/strategy");

        var markdown = page.QuerySelector(".markdown")!;
        Assert.Equal("Our vision", markdown.QuerySelector("h4")!.TextContent); // "##" sits under the page's own headings
        Assert.Equal("teacher of SEND", markdown.QuerySelector("strong")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main iframe, main img"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(markdown.QuerySelector("a[href^='https://www.gov.uk'][rel='noopener noreferrer']"));

        Assert.Equal(["Leadership", "Identification", "Developing provision"], page.QuerySelectorAll(".review-area h3").Select(h => h.TextContent));
        var changes = page.QuerySelector(".changes")!.TextContent;
        Assert.Contains("What changed from version 1", changes, StringComparison.Ordinal);
        Assert.Contains("Added Shared provision maps", Squash(changes), StringComparison.Ordinal);
        Assert.Contains("Removed Adaptive teaching CPD for all staff", Squash(changes), StringComparison.Ordinal);
        Assert.Contains("The vision was revised.", changes, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("table[aria-labelledby='versions-heading'] tbody tr").Length);
        Assert.Empty(page.QuerySelectorAll("form[action*='Acknowledge']")); // SENCOs have nothing to acknowledge

        var old = await PageAsync(senco, $"/strategy/{first}");
        Assert.Contains("superseded on", old.QuerySelector("[role='note']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await senco.GetAsync("/strategy/424242")).StatusCode);
    }

    [Fact]
    public async Task Editor_AndBoard_AreForTheSendLead_TheBoardAlsoForTrustees()
    {
        await using var app = await new SencoHubApp().StartAsync();
        await PublishNewVersionAsync(app);
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf("nb-oak").AadObjectId);
        var head = await SignInTests.SignedInBrowserAsync(app, DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        var trustee = await SignInTests.SignedInBrowserAsync(app, DemoTrust.Trustee.AadObjectId);
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);

        foreach (var browser in new[] { senco, head })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/strategy/edit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/strategy/acknowledgements")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await trustee.GetAsync("/strategy/edit")).StatusCode);
        var trusteeBoard = await PageAsync(trustee, "/strategy/acknowledgements");
        Assert.Equal(DemoTrust.SchoolIds.Count, trusteeBoard.QuerySelectorAll(".acknowledgement-board tbody tr").Length);
        Assert.Null(trusteeBoard.QuerySelector("form.nudge-form"));
        var leadBoard = await PageAsync(lead, "/strategy/acknowledgements");
        Assert.NotNull(leadBoard.QuerySelector("form.nudge-form"));
        Assert.Equal(DemoTrust.SchoolIds.Count, leadBoard.QuerySelectorAll("tr.row-outstanding").Length);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AHeadteacher_CanAcknowledgeFromTheTab_Once(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var id = await PublishNewVersionAsync(app);
        var head = await SignInTests.SignedInBrowserAsync(app, DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        var page = await head.GetStringAsync("/strategy");
        Assert.Contains("As headteacher of Oakfield Primary", page, StringComparison.Ordinal);

        for (var i = 0; i < 2; i++)
        {
            var response = await head.PostAsync("/strategy?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["versionId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(page),
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("You acknowledged this version on 23 Nov 2026", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync<StrategyAcknowledgement>(app));
    }

    [Fact]
    public async Task TheEditor_RefusesBadInput_WithTheProblemsShown_AndStoresNothing()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var editor = await lead.GetStringAsync("/strategy/edit");
        Assert.Contains("Start version 1 of the strategy", editor, StringComparison.Ordinal);

        var response = await lead.PostAsync("/strategy/edit?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Trust SEND strategy",
            ["Input.Vision"] = "As we saw with A123456789012",
            ["Input.Priorities[0].Title"] = "Early identification",
            ["Input.Priorities[0].ReviewArea"] = "Inclusion",
            ["Input.Priorities[0].Timeframe"] = "3",
            ["Input.Priorities[1].Title"] = "",
            ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(editor),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was saved", page.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("unique pupil number", page.QuerySelector("#error-vision")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("is not a review area", page.QuerySelector("#error-priorities-0--reviewArea")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#strategy-vision")!.GetAttribute("aria-invalid"));
        Assert.Equal("As we saw with A123456789012", page.QuerySelector("#strategy-vision")!.TextContent); // kept so it can be corrected
        Assert.Equal(0, await CountAsync<StrategyVersion>(app));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
