using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Review;
using static SencoHub.Web.Tests.Library.TestDocuments;

namespace SencoHub.Web.Tests.Library;

/// <summary>The SharePoint store through the real Microsoft.Graph SDK, against a loopback Graph that checks every request's shape.</summary>
// Uploads spool to the shared temp folder, which ARefusedUpload_LeavesNothingStored checks is empty: these never run at the same time.
[Collection(LibraryTestKit.LibraryUploads)]
public sealed class SharePointStoreTests : IAsyncLifetime
{
    private LoopbackSharePoint _sharePoint = null!;

    public async Task InitializeAsync() => _sharePoint = await LoopbackSharePoint.StartAsync();

    public async Task DisposeAsync() => await _sharePoint.DisposeAsync();

    private async Task<SencoHubApp> StartAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var app = new SencoHubApp(provider);
        _sharePoint.Configure(app);
        return await app.StartAsync();
    }

    private static Task<LibrarySyncReport> SyncAsync(SencoHubApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<SyncLibraryStore>().SyncAsync());

    /// <summary>The columns as someone fills them in SharePoint (display names for choices).</summary>
    private static JsonObject Columns(string title, string summary, string category = "Guidance", string[]? reviewAreas = null, string[]? needs = null, string? school = null)
    {
        var fields = new JsonObject
        {
            ["Title"] = title,
            ["SencoSummary"] = summary,
            ["SencoCategory"] = category,
            ["SencoReviewAreas@odata.type"] = "Collection(Edm.String)",
            ["SencoReviewAreas"] = new JsonArray([.. (reviewAreas ?? [ReviewArea.Leadership.Display()]).Select(a => (JsonNode)a)]),
            ["SencoNeedAreas@odata.type"] = "Collection(Edm.String)",
            ["SencoNeedAreas"] = new JsonArray([.. (needs ?? []).Select(n => (JsonNode)n)]),
        };
        if (school is not null)
        {
            fields["SencoSchool"] = school;
        }

        return fields;
    }

    private static async Task<JsonObject> SearchAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/library/resources?{query}"))!;

    private static IEnumerable<string> Titles(JsonObject results) => results["items"]!.AsArray().Select(i => (string)i!["title"]!);

    [Fact]
    public async Task Publishing_PutsTheFileInTheLibrary_WithItsColumns_CreatedOnFirstConnect_AndOpensItFromThere()
    {
        await using var app = await StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var first = Word(["Provision map", "A termly provision map for the whole school."]);

        var created = await lead.PostAsync("/api/library/resources",
            LibraryTestKit.Form("map.docx", first, title: "Provision map template", category: "Template", phases: ["Primary"], audiences: ["Senco"]));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync() + string.Join("\n", _sharePoint.Problems.Concat(_sharePoint.Requests)));
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["resource"]!["id"]!;
        Assert.Empty(_sharePoint.Problems);
        Assert.Superset(
            new HashSet<string> { "SencoSummary", "SencoCategory", "SencoReviewAreas", "SencoNeedAreas", "SencoPhases", "SencoAudiences", "SencoSchool", "SencoLastReviewed" },
            _sharePoint.ColumnNames.ToHashSet());
        Assert.Equal("checkBoxes", (string?)_sharePoint.Column("SencoPhases")["choice"]!["displayAs"]);
        Assert.Equal("dropDownMenu", (string?)_sharePoint.Column("SencoCategory")["choice"]!["displayAs"]);
        Assert.Equal("dateOnly", (string?)_sharePoint.Column("SencoLastReviewed")["dateTime"]!["format"]);

        var itemId = _sharePoint.FindByName("map.docx");
        Assert.NotNull(itemId);
        var fields = _sharePoint.Fields(itemId);
        Assert.Equal("Provision map template", (string?)fields["Title"]);
        Assert.Equal("Template", (string?)fields["SencoCategory"]);
        Assert.Equal([ReviewArea.TeachingAndIntervention.Display()], fields["SencoReviewAreas"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["Primary"], fields["SencoPhases"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("2026-11-23T00:00:00Z", (string?)fields["SencoLastReviewed"]);
        Assert.Equal(first, _sharePoint.Content(itemId));
        Assert.Contains(_sharePoint.Requests, r => r.StartsWith($"PUT /v1.0/drives/{LoopbackSharePoint.DriveId}/items/root:/map.docx:/content", StringComparison.Ordinal));
        Assert.DoesNotContain(_sharePoint.Requests, r => r.Contains("createUploadSession", StringComparison.Ordinal));

        Assert.Equal(first, await lead.GetByteArrayAsync($"/api/library/resources/{id}/content"));

        // A new version replaces the content of the same item; the first stays downloadable from SharePoint's history.
        var second = Word(["Provision map", "Now with costings per intervention."]);
        var added = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("map.docx", second, title: null, resourceId: id, note: "Costings"));
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        Assert.Equal([itemId], _sharePoint.DocumentIds());
        Assert.Equal(second, await lead.GetByteArrayAsync($"/api/library/resources/{id}/content"));
        Assert.Equal(first, await lead.GetByteArrayAsync($"/api/library/resources/{id}/content?version=1"));

        // "Mark reviewed" sets the SharePoint column too.
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var leadNextMonth = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await leadNextMonth.PostAsync($"/api/library/resources/{id}/reviewed", null)).StatusCode);
        Assert.Equal("2026-12-23T00:00:00Z", (string?)_sharePoint.Fields(itemId)["SencoLastReviewed"]);

        // SencoHub's own writes come back through the change feed, and change nothing.
        var report = await SyncAsync(app);
        Assert.Equal((0, 0, 0), (report.Added, report.Updated, report.Removed));
        Assert.Empty(report.Refused);
        Assert.Empty(_sharePoint.Problems);
    }

    [Fact]
    public async Task WhenTheColumnsCannotBeWritten_ANewItemIsDeleted_ANewVersionRolledBack_AndNothingIsPublished()
    {
        await using var app = await StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var first = Word(["Accessibility plan"]);
        var published = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("access.docx", first, title: "Accessibility plan template", category: "Template"));
        var id = (int)(await published.Content.ReadFromJsonAsync<JsonObject>())!["resource"]!["id"]!;
        var itemId = _sharePoint.FindByName("access.docx")!;
        _sharePoint.RefuseFieldWrites = true;

        var created = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("policy.docx", Word(["SEND policy"]), title: "SEND policy template", category: "Policy"));
        var version = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("access.docx", Word(["Accessibility plan, revised"]), title: null, resourceId: id));

        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, version.StatusCode);
        Assert.Contains(_sharePoint.Requests, r => r.StartsWith($"PUT /v1.0/drives/{LoopbackSharePoint.DriveId}/items/root:/policy.docx:/content", StringComparison.Ordinal));
        Assert.Contains(_sharePoint.Requests, r => r.StartsWith($"DELETE /v1.0/drives/{LoopbackSharePoint.DriveId}/items/", StringComparison.Ordinal));
        Assert.Contains(_sharePoint.Requests, r => r.StartsWith($"POST /v1.0/drives/{LoopbackSharePoint.DriveId}/items/{itemId}/versions/2.0/restoreVersion", StringComparison.Ordinal));
        Assert.Equal([itemId], _sharePoint.DocumentIds());
        Assert.Equal(first, _sharePoint.Content(itemId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<LibraryResource>().CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ResourceVersion>().CountAsync()));
    }

    [Fact]
    public async Task AFileOver4MB_GoesUpInAnUploadSession_InSlicesOf320KiB_WithoutGraphsToken()
    {
        await using var app = await StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var picture = new byte[(5 * 1024 * 1024) + 12_345];
        new Random(7).NextBytes(picture);
        Png.CopyTo(picture, 0);

        var created = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("wall-display.png", picture, title: "Zones of regulation wall display"));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync() + string.Join("\n", _sharePoint.Problems.Concat(_sharePoint.Requests)));
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["resource"]!["id"]!;
        Assert.Empty(_sharePoint.Problems);
        Assert.Contains(_sharePoint.Requests, r => r.StartsWith($"POST /v1.0/drives/{LoopbackSharePoint.DriveId}/items/root:/wall-display.png:/createUploadSession", StringComparison.Ordinal));
        Assert.DoesNotContain(_sharePoint.Requests, r => r.StartsWith("PUT /v1.0/", StringComparison.Ordinal));
        Assert.True(_sharePoint.Slices.Count >= 2);
        Assert.All(_sharePoint.Slices.SkipLast(1), s => Assert.Equal(0, s.Length % 327_680));
        Assert.Equal(picture.Length, _sharePoint.Slices.Sum(s => s.Length));
        Assert.DoesNotContain(_sharePoint.Slices, s => s.HadAuthorization);
        var itemId = _sharePoint.FindByName("wall-display.png")!;
        Assert.Equal(picture, _sharePoint.Content(itemId));
        Assert.Equal("Zones of regulation wall display", (string?)_sharePoint.Fields(itemId)["Title"]);
        Assert.Equal(picture, await lead.GetByteArrayAsync($"/api/library/resources/{id}/content"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DocumentsAddedEditedAndDeletedInSharePoint_AppearChangeAndVanishInSearch_AfterTheSync(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        var audit = _sharePoint.AddDocument("sensory-audit.docx", Word(["Sensory audit", "Walk the classroom: lighting, noise, seating and smells."]),
            Columns("Sensory audit checklist", "A checklist for a classroom's sensory environment.", "Template", [ReviewArea.Identification.Display()], [NeedArea.SensoryAndPhysical.Display()]));
        var transition = _sharePoint.AddDocument("transition.pdf", Pdf("Moving on to secondary school: visits, passports and a named adult."),
            Columns("Transition guide", "Planning a pupil's move between phases.", "Guidance", needs: [NeedArea.SemhNeeds.Display()]));
        var withUpn = _sharePoint.AddDocument("profile.docx", Word(["One-page profile"]),
            Columns("One-page profile", "Written for A123456789012 last term."));
        var bare = _sharePoint.AddDocument("notes.docx", Word(["Speech and language referral notes"]));
        _sharePoint.ThrottleOnce("/delta");

        var report = await SyncAsync(app);

        Assert.Empty(_sharePoint.Problems);
        Assert.Equal(2, report.Added);
        Assert.True(report.ReadFromStart);
        Assert.Contains(report.Refused, r => r.ItemId == withUpn && r.Fields.SequenceEqual(["summary"]));
        Assert.Contains(report.Refused, r => r.ItemId == bare && r.Fields.Contains("category"));
        Assert.True(_sharePoint.Requests.Count(r => r.Contains("/delta", StringComparison.Ordinal)) >= 4, "the feed spans several pages (and one was throttled)");
        Assert.Equal([429, 200], _sharePoint.Throttled.Select(t => t.Status));
        Assert.True(_sharePoint.Throttled[1].At - _sharePoint.Throttled[0].At >= TimeSpan.FromMilliseconds(900), "the retry waited for Retry-After");

        Assert.Equal(["Sensory audit checklist"], Titles(await SearchAsync(staff, "q=lighting%20seating")));
        Assert.Equal(["Transition guide"], Titles(await SearchAsync(staff, "needArea=SemhNeeds")));
        Assert.Empty(Titles(await SearchAsync(staff, "q=profile")));
        var auditId = (int)(await SearchAsync(staff, "q=sensory"))["items"]![0]!["id"]!;
        var detail = (await staff.GetFromJsonAsync<JsonObject>($"/api/library/resources/{auditId}"))!;
        Assert.Equal("Template", (string?)detail["resource"]!["category"]);
        Assert.Equal("Sam Carter", (string?)detail["versions"]![0]!["addedBy"]);

        // Edited in SharePoint: a new title, columns filled in at last, new content.
        _sharePoint.EditFields(audit, new JsonObject { ["Title"] = "Sensory environment audit" });
        _sharePoint.EditFields(bare, Columns("Speech and language referrals", "What to include in a referral.", "Guidance", needs: [NeedArea.CommunicationAndInteraction.Display()]));
        _sharePoint.ReplaceContent(transition, Pdf("Transition now covers the move to college as well."));

        report = await SyncAsync(app);

        Assert.False(report.ReadFromStart);
        Assert.Equal((1, 2, 0), (report.Added, report.Updated, report.Removed));
        Assert.Equal(["Sensory environment audit"], Titles(await SearchAsync(staff, "q=sensory")));
        Assert.Equal(["Speech and language referrals"], Titles(await SearchAsync(staff, "needArea=CommunicationAndInteraction")));
        Assert.Equal(["Transition guide"], Titles(await SearchAsync(staff, "q=college")));
        Assert.Empty(Titles(await SearchAsync(staff, "q=passports")));
        var transitionId = (int)(await SearchAsync(staff, "q=transition"))["items"]![0]!["id"]!;
        Assert.Equal(2, (int)(await staff.GetFromJsonAsync<JsonObject>($"/api/library/resources/{transitionId}"))!["resource"]!["currentVersion"]!);
        Assert.Equal(_sharePoint.Content(transition), await staff.GetByteArrayAsync($"/api/library/resources/{transitionId}/content"));

        // Deleted in SharePoint: gone from search and from the library.
        _sharePoint.DeleteDocument(audit);
        report = await SyncAsync(app);

        Assert.Equal(1, report.Removed);
        Assert.Empty(Titles(await SearchAsync(staff, "q=sensory")));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/library/resources/{auditId}")).StatusCode);
        Assert.Empty(_sharePoint.Problems);
    }

    [Fact]
    public async Task AnExpiredDeltaLink_410Gone_ReadsTheLibraryAgainFromTheStart_AndReconciles()
    {
        await using var app = await StartAsync();
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        var kept = _sharePoint.AddDocument("kept.docx", Word(["Kept"]), Columns("Attendance and SEND guidance", "Linking attendance with needs."));
        var removed = _sharePoint.AddDocument("removed.docx", Word(["Removed"]), Columns("Old EHCP checklist", "Superseded."));
        Assert.Equal(2, (await SyncAsync(app)).Added);

        _sharePoint.ExpireDeltaLinks();
        _sharePoint.DeleteDocument(removed);
        _sharePoint.AddDocument("new.docx", Word(["New"]), Columns("Annual review checklist", "Before, during and after the annual review meeting."));
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var report = await SyncAsync(app);

        Assert.True(report.ReadFromStart);
        Assert.Equal((1, 0, 1), (report.Added, report.Updated, report.Removed));
        Assert.Contains(_sharePoint.Requests, r => r.Contains("/root/delta?token=d.0.", StringComparison.Ordinal));
        Assert.Equal(["Annual review checklist", "Attendance and SEND guidance"], Titles(await SearchAsync(staff, "take=20")).Order());
        Assert.True(_sharePoint.Exists(kept));

        // The cursor kept afterwards is the new feed's delta link: the next run reads only what changed.
        _sharePoint.EditFields(kept, new JsonObject { ["SencoSummary"] = "Linking attendance with needs, with a worked example." });
        report = await SyncAsync(app);
        Assert.False(report.ReadFromStart);
        Assert.Equal((0, 1, 0), (report.Added, report.Updated, report.Removed));
        Assert.Empty(_sharePoint.Problems);
    }
}
