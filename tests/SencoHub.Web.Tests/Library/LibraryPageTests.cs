using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Tests.Platform;
using static SencoHub.Web.Tests.Library.LibraryTestKit;

namespace SencoHub.Web.Tests.Library;

public sealed class LibraryPageTests
{
    private static async Task<IDocument> PageAsync(HttpClient browser, string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The contribute form as a browser sends it: the anti-forgery field first, then the fields and the file.</summary>
    private static async Task<HttpResponseMessage> ContributeAsync(HttpClient browser, MultipartFormDataContent fields, string? token = null)
    {
        var page = await browser.GetStringAsync("/library/contribute");
        var form = new MultipartFormDataContent { { new StringContent(token ?? SignInTests.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        foreach (var part in fields)
        {
            form.Add(part);
        }

        return await browser.PostAsync("/library/contribute", form);
    }

    private static FormUrlEncodedContent Posted(string page, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", SignInTests.AntiforgeryToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_ShowsRankedResults_FiltersWithCounts_AndTheStaleList(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await AddResourceAsync(app, Described("Provision map template") with { Category = ResourceCategory.Template, NeedAreas = [NeedArea.CognitionAndLearning] });
        await AddResourceAsync(app, Described("Graduated approach guide") with { Summary = "How assessments feed the plan-do-review cycle." }, reviewedOn: today.AddMonths(-13));
        await AddResourceAsync(app, Described("Governor briefing") with { Audiences = [Role.Trustee] });
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf(DemoTrust.SchoolIds[0]).AadObjectId);

        var all = await PageAsync(senco, "/library");
        Assert.Equal(["Graduated approach guide", "Provision map template"], all.QuerySelectorAll(".result h3").Select(h => h.TextContent).Order());
        Assert.Equal("page", all.QuerySelector("nav a[href='/library']")!.GetAttribute("aria-current"));
        Assert.Equal("Template (1)", all.QuerySelector("#filter-category option[value='Template']")!.TextContent);
        Assert.Equal("Guidance (1)", all.QuerySelector("#filter-category option[value='Guidance']")!.TextContent);
        Assert.Contains("(1)", all.QuerySelector("label[for='filter-stale']")!.TextContent, StringComparison.Ordinal);

        var stemmed = await PageAsync(senco, "/library?q=assessment");
        Assert.Equal(["Graduated approach guide"], stemmed.QuerySelectorAll(".result h3").Select(h => h.TextContent.Trim()));
        Assert.NotNull(stemmed.QuerySelector(".result .status-warn"));

        var filtered = await PageAsync(senco, "/library?category=Template");
        Assert.Equal(["Provision map template"], filtered.QuerySelectorAll(".result h3").Select(h => h.TextContent.Trim()));
        Assert.True(filtered.QuerySelector("#filter-category option[value='Template']")!.HasAttribute("selected"));

        var stale = await PageAsync(senco, "/library/stale");
        Assert.Equal(["Graduated approach guide"], stale.QuerySelectorAll(".result h3").Select(h => h.TextContent.Trim()));

        var none = await PageAsync(senco, "/library?q=zebra");
        Assert.Contains("Nothing matches", none.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var bad = await PageAsync(senco, "/library?category=Nonsense", HttpStatusCode.BadRequest);
        Assert.Contains("Use one of", bad.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await senco.GetAsync("/library/elsewhere")).StatusCode);

        var trustee = await SignInTests.SignedInBrowserAsync(app, DemoTrust.Trustee.AadObjectId);
        Assert.Contains("Governor briefing", (await PageAsync(trustee, "/library")).QuerySelector(".results")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ASenco_Contributes_TheSendLeadApproves_ThenEveryoneOpensIt(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf(DemoTrust.SchoolIds[0]).AadObjectId);
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var document = TestDocuments.Word(["Our one-page profile: what people like about me, what matters to me, how best to support me."]);

        var sent = await ContributeAsync(senco, Form("profile.docx", document, "One-page profile template", "Template"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mine = await PageAsync(senco, sent.Headers.Location!.OriginalString);
        Assert.Contains("waiting for the SEND lead's approval", mine.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(mine.QuerySelectorAll("form[action*='Approve']"));
        Assert.Empty((await PageAsync(senco, "/library")).QuerySelectorAll(".result"));

        var queue = await lead.GetStringAsync("/library/contributions");
        var queued = new HtmlParser().ParseDocument(queue);
        Assert.Equal("One-page profile template", queued.QuerySelector(".contribution h3")!.TextContent);
        var preview = await lead.GetAsync(queued.QuerySelector(".contribution a[href*='content']")!.GetAttribute("href"));
        Assert.Equal(document, await preview.Content.ReadAsByteArrayAsync());
        var id = queued.QuerySelector(".contribution input[name='id']")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Forbidden, (await senco.PostAsync("/library/contributions/Approve", Posted(await senco.GetStringAsync("/library/contributions"), ("id", id)))).StatusCode);
        var approved = await lead.PostAsync("/library/contributions/Approve", Posted(queue, ("id", id)));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("is in the library", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var found = await PageAsync(senco, "/library?q=profile");
        var link = found.QuerySelector(".result h3 a")!.GetAttribute("href")!;
        var details = await PageAsync(senco, link);
        Assert.Equal("One-page profile template", details.QuerySelector("h1")!.TextContent);
        Assert.Single(details.QuerySelectorAll("table[aria-labelledby='versions-heading'] tbody tr"));
        Assert.Empty(details.QuerySelectorAll("form[action*='Reviewed']"));
        var download = await senco.GetAsync(details.QuerySelector("a.button[href$='/content']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(document, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("profile.docx", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    [Fact]
    public async Task Contributing_RefusesWithoutTheFormToken_ShowsProblems_AndStoresNothing_AndStaffNeedPermission()
    {
        await using var app = await StartAsync(TestProvider.Sqlite);
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf(DemoTrust.SchoolIds[0]).AadObjectId);

        var forged = await ContributeAsync(senco, Form("profile.docx", TestDocuments.Word(["Fine."])), token: "forged");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var pupil = await ContributeAsync(senco, Form("notes.docx", TestDocuments.Word(["Progress for A123456789012 this term."]), "Notes"));
        Assert.Equal(HttpStatusCode.BadRequest, pupil.StatusCode);
        var page = new HtmlParser().ParseDocument(await pupil.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was added", page.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Notes", page.QuerySelector("#field-title")!.GetAttribute("value"));

        var neither = await ContributeAsync(senco, Form(null, null, "A link-less resource"));
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Contains("Attach a file, or give a link", await neither.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var withLink = Form(null, null, "The Code of Practice", link: "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25");
        var blankFile = new ByteArrayContent([]);
        blankFile.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        blankFile.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"\"" }; // a file input left empty
        withLink.Add(blankFile);
        Assert.Equal(HttpStatusCode.Redirect, (await ContributeAsync(senco, withLink)).StatusCode);

        Assert.Empty(StoredFiles(app));
        var staff = await SignInTests.SignedInBrowserAsync(app, DemoTrust.StaffOf(DemoTrust.SchoolIds[0]).AadObjectId);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/library/contribute")).StatusCode);
        Assert.Null((await PageAsync(staff, "/library")).QuerySelector("a[href='/library/contribute']"));
    }

    [Fact]
    public async Task TheSendLead_MarksReviewed_AndRejectsWithAReason_OthersCannot()
    {
        await using var app = await StartAsync(TestProvider.Sqlite);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var id = await AddResourceAsync(app, Described("Old policy") with { Category = ResourceCategory.Policy }, reviewedOn: today.AddYears(-2));
        var lead = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SendLead.AadObjectId);
        var senco = await SignInTests.SignedInBrowserAsync(app, DemoTrust.SencoOf(DemoTrust.SchoolIds[0]).AadObjectId);

        var sencoPage = await senco.GetStringAsync($"/library/resources/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await senco.PostAsync($"/library/resources/{id}/Reviewed", Posted(sencoPage))).StatusCode);
        var page = await lead.GetStringAsync($"/library/resources/{id}");
        Assert.Contains("Due for review", page, StringComparison.Ordinal);
        var reviewed = await lead.PostAsync($"/library/resources/{id}/Reviewed", Posted(page));
        var after = new HtmlParser().ParseDocument(await reviewed.Content.ReadAsStringAsync());
        Assert.Contains("Marked as reviewed", after.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Due for review", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await PageAsync(lead, "/library/stale")).QuerySelectorAll(".result"));

        // A new version from the resource page: the description stays, the history grows.
        var newVersion = (await PageAsync(lead, $"/library/resources/{id}")).QuerySelector("a[href*='/library/contribute?resourceId=']")!.GetAttribute("href")!;
        Assert.Contains("New version of “Old policy”", (await PageAsync(lead, newVersion)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var versionForm = new MultipartFormDataContent
        {
            { new StringContent(SignInTests.AntiforgeryToken(await lead.GetStringAsync(newVersion))), "__RequestVerificationToken" },
            { new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "resourceId" },
            { new StringContent("https://example.org/policy-2027"), "link" },
            { new StringContent("Updated for 2027."), "note" },
        };
        var added = await lead.PostAsync("/library/contribute", versionForm);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var history = await PageAsync(lead, added.Headers.Location!.OriginalString);
        Assert.Equal("Old policy", history.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, history.QuerySelectorAll("table[aria-labelledby='versions-heading'] tbody tr").Length);
        Assert.Contains("Updated for 2027.", history.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await ContributeAsync(senco, Form(null, null, "A site", link: "https://example.org/site"))).StatusCode);
        var queue = await lead.GetStringAsync("/library/contributions");
        var contributionId = new HtmlParser().ParseDocument(queue).QuerySelector(".contribution input[name='id']")!.GetAttribute("value")!;

        // The SEND lead corrects the description first; a bad one is refused with the problem shown.
        var editPath = $"/library/contributions/{contributionId}/edit";
        Assert.Equal(HttpStatusCode.Forbidden, (await senco.GetAsync(editPath)).StatusCode);
        var editor = await lead.GetStringAsync(editPath);
        Assert.Equal("A site", new HtmlParser().ParseDocument(editor).QuerySelector("#field-title")!.GetAttribute("value"));
        var refusedEdit = await lead.PostAsync(editPath, Posted(editor, ("title", "A site"), ("summary", "For A123456789012."), ("category", "Guidance"), ("reviewAreas", "Leadership")));
        Assert.Equal(HttpStatusCode.BadRequest, refusedEdit.StatusCode);
        Assert.Contains("Nothing was saved", await refusedEdit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var edited = await lead.PostAsync(editPath, Posted(editor, ("title", "A useful site"), ("summary", "Links for parents."), ("category", "BestPractice"),
            ("reviewAreas", "Leadership"), ("needAreas", "SemhNeeds")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        queue = await lead.GetStringAsync("/library/contributions");
        Assert.Equal("A useful site", new HtmlParser().ParseDocument(queue).QuerySelector(".contribution h3")!.TextContent);
        var noReason = await lead.PostAsync("/library/contributions/Reject", Posted(queue, ("id", contributionId), ("reason", "")));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull(new HtmlParser().ParseDocument(await noReason.Content.ReadAsStringAsync()).QuerySelector($"#reason-error-{contributionId}"));
        var rejected = await lead.PostAsync("/library/contributions/Reject", Posted(queue, ("id", contributionId), ("reason", "We link to the Code of Practice already.")));
        Assert.Contains("the contributor has been told why", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mine = await PageAsync(senco, "/library/contributions");
        Assert.Contains("Rejected: We link to the Code of Practice already.", mine.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }
}
