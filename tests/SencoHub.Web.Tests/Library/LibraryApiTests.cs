using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Library.TestDocuments;

namespace SencoHub.Web.Tests.Library;

// Uploads spool to the shared temp folder, which ARefusedUpload_LeavesNothingStored checks is empty: these never run at the same time.
[Collection(LibraryTestKit.LibraryUploads)]
public sealed class LibraryApiTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheSendLead_Publishes_AndEveryoneFindsOpensAndDownloads_WithVersionHistory(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        var first = Word(["Graduated approach", "Assess, plan, do and review each term with the family."]);

        var created = await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("approach.docx", first, title: "Graduated approach guide", phases: ["Primary", "Secondary"]));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)detail["resource"]!["id"]!;
        Assert.Equal($"/api/library/resources/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("approach.docx", (string?)detail["resource"]!["file"]!["name"]);
        Assert.Equal("2026-11-23", (string?)detail["resource"]!["lastReviewedOn"]);
        Assert.False((bool)detail["resource"]!["isStale"]!);

        var found = (await staff.GetFromJsonAsync<JsonObject>("/api/library/resources?q=family%20review"))!;
        Assert.Equal(1, (int)found["total"]!);
        Assert.Equal(id, (int)found["items"]![0]!["id"]!);
        Assert.Equal(1, found["facets"]!["phase"]!.AsArray().Single(f => (string?)f!["value"] == "Secondary")!["count"]!.GetValue<int>());

        var download = await staff.GetAsync($"/api/library/resources/{id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(first, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("approach.docx", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var second = Word(["Graduated approach, revised", "Now with a section on transition between phases."]);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsync("/api/library/resources", LibraryTestKit.Form("approach-v2.docx", second, title: null, resourceId: id, note: "Adds transition"))).StatusCode);
        var after = (await staff.GetFromJsonAsync<JsonObject>($"/api/library/resources/{id}"))!;
        Assert.Equal(2, (int)after["resource"]!["currentVersion"]!);
        Assert.Equal("Graduated approach guide", (string?)after["resource"]!["title"]);
        Assert.Equal([2, 1], after["versions"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.Equal("Adds transition", (string?)after["versions"]![0]!["note"]);
        Assert.Equal(second, await staff.GetByteArrayAsync($"/api/library/resources/{id}/content"));
        Assert.Equal(first, await staff.GetByteArrayAsync($"/api/library/resources/{id}/content?version=1"));
        Assert.Equal(id, (int)(await staff.GetFromJsonAsync<JsonObject>("/api/library/resources?q=transition"))!["items"]![0]!["id"]!);
        Assert.Equal(0, (int)(await staff.GetFromJsonAsync<JsonObject>("/api/library/resources?q=family"))!["total"]!);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ASencosContribution_Waits_IsEditedAndApproved_AndTheContributorGetsACard(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        var sencoPerson = DemoTrust.SencoOf("nb-hil");
        using var senco = await app.ClientForAsync(sencoPerson.AadObjectId);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var otherSenco = await app.ClientForAsync(DemoTrust.SencoOf("nb-riv").AadObjectId);
        var file = Pdf("Our lunchtime nurture group: how we run it.", "Resources and timetable.");

        var submitted = await senco.PostAsync("/api/library/resources", LibraryTestKit.Form("nurture.pdf", file, title: "Nurture group at lunchtime", category: "BestPractice"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var contribution = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)contribution["id"]!;
        Assert.Equal("Pending", (string?)contribution["state"]);
        Assert.Equal("nb-hil", (string?)contribution["school"]!["id"]);
        Assert.Equal($"/api/library/contributions/{id}", submitted.Headers.Location?.OriginalString);

        // Unpublished: nobody finds it; only the contributor and the SEND lead see it in the queue.
        Assert.Equal(0, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?q=nurture"))!["total"]!);
        Assert.Single((await senco.GetFromJsonAsync<JsonArray>("/api/library/contributions"))!);
        Assert.Empty((await otherSenco.GetFromJsonAsync<JsonArray>("/api/library/contributions"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSenco.GetAsync($"/api/library/contributions/{id}")).StatusCode);
        Assert.Equal(id, (int)(await lead.GetFromJsonAsync<JsonArray>("/api/library/contributions?state=Pending"))![0]!["id"]!);
        Assert.Equal(file, await lead.GetByteArrayAsync($"/api/library/contributions/{id}/content"));
        Assert.Equal(HttpStatusCode.Forbidden, (await senco.PostAsync($"/api/library/contributions/{id}/approve", null)).StatusCode);

        var edited = await lead.PutAsJsonAsync($"/api/library/contributions/{id}", LibraryTestKit.Metadata("Lunchtime nurture group", category: "BestPractice", needAreas: ["SemhNeeds"], school: "nb-hil"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var approved = await lead.PostAsync($"/api/library/contributions/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var resource = (await approved.Content.ReadFromJsonAsync<JsonObject>())!["resource"]!;
        Assert.Equal("Lunchtime nurture group", (string?)resource["title"]);
        Assert.Equal(["SemhNeeds"], resource["needAreas"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("Hillcrest High School", (string?)resource["school"]!["name"]);
        Assert.Equal((int)resource["id"]!, (int)(await otherSenco.GetFromJsonAsync<JsonObject>("/api/library/resources?q=timetable"))!["items"]![0]!["id"]!);
        Assert.Equal(file, await otherSenco.GetByteArrayAsync($"/api/library/resources/{(int)resource["id"]!}/content"));

        var card = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Topic == "library.contribution.approved"));
        Assert.Equal(sencoPerson.AadObjectId, card.TargetAadObjectId);
        Assert.Contains("Lunchtime nurture group", card.ActivityJson, StringComparison.Ordinal);
        Assert.Equal("Approved", (string?)(await senco.GetFromJsonAsync<JsonObject>($"/api/library/contributions/{id}"))!["state"]);
        Assert.Empty(LibraryTestKit.StoredFiles(app, AddResource.ContributionsFolder));
        Assert.Equal(HttpStatusCode.Conflict, (await lead.PostAsync($"/api/library/contributions/{id}/approve", null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ARejectedContribution_NeedsAReason_IsDeleted_AndTheContributorIsTold(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        using var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var id = (int)(await (await senco.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["A plan."])))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Single(LibraryTestKit.StoredFiles(app, AddResource.ContributionsFolder));

        var noReason = await lead.PostAsJsonAsync($"/api/library/contributions/{id}/reject", new { reason = " " });
        Assert.Equal("reason", (await LibraryTestKit.ProblemAsync(noReason, HttpStatusCode.BadRequest))["errors"]!.AsObject().Single().Key);
        var upn = await lead.PostAsJsonAsync($"/api/library/contributions/{id}/reject", new { reason = "Remove B123456789012" });
        await LibraryTestKit.ProblemAsync(upn, HttpStatusCode.BadRequest);

        var rejected = await lead.PostAsJsonAsync($"/api/library/contributions/{id}/reject", new { reason = "We already have a newer version of this." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Rejected", (string?)(await senco.GetFromJsonAsync<JsonObject>($"/api/library/contributions/{id}"))!["state"]);
        Assert.Empty(LibraryTestKit.StoredFiles(app, AddResource.ContributionsFolder));
        var card = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Topic == "library.contribution.rejected"));
        Assert.Contains("We already have a newer version of this.", card.ActivityJson, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/library/contributions/{id}/content")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_ContributeOnlyWhenTheSendLeadAllowsIt(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var trustee = await app.ClientForAsync(DemoTrust.Trustee.AadObjectId);

        Assert.False((bool)(await staff.GetFromJsonAsync<JsonObject>("/api/library/settings"))!["youMayContribute"]!);
        await LibraryTestKit.ProblemAsync(await staff.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["A plan."]))), HttpStatusCode.Forbidden);
        await LibraryTestKit.ProblemAsync(await staff.PutAsJsonAsync("/api/library/settings", new { staffMayContribute = true }), HttpStatusCode.Forbidden);

        Assert.True((bool)(await (await lead.PutAsJsonAsync("/api/library/settings", new { staffMayContribute = true })).Content.ReadFromJsonAsync<JsonObject>())!["staffMayContribute"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await staff.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["A plan."])))).StatusCode);
        await LibraryTestKit.ProblemAsync(await trustee.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["A plan."]))), HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ARefusedUpload_LeavesNothingStored_WhoeverSendsIt(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider, ("SencoHub:Library:Uploads:MaxBytes", "200000"));
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        foreach (var client in new[] { lead, senco })
        {
            var upn = await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["Intro", "Case: Z123456789012"]))), HttpStatusCode.BadRequest);
            Assert.Contains("paragraph 2", (string?)upn["detail"], StringComparison.Ordinal);
            await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", LibraryTestKit.Form("tool.exe", [0x4D, 0x5A, 0x90])), HttpStatusCode.BadRequest);
            await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", LibraryTestKit.Form("macros.docx", Word(["x"], DocumentFormat.OpenXml.WordprocessingDocumentType.MacroEnabledDocument))), HttpStatusCode.BadRequest);
            await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", LibraryTestKit.Form("big.pdf", new byte[300_000])), HttpStatusCode.RequestEntityTooLarge);
            var fields = await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", LibraryTestKit.Form("plan.docx", Word(["Fine."]), title: "", category: "Poster", reviewAreas: [])), HttpStatusCode.BadRequest);
            Assert.Equal(["category", "reviewAreas", "title"], fields["errors"]!.AsObject().Select(e => e.Key).Order());
            await LibraryTestKit.ProblemAsync(await client.PostAsync("/api/library/resources", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<LibraryResource>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<LibraryContribution>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM library_search_documents").SingleAsync()));
        Assert.Empty(LibraryTestKit.StoredFiles(app));
        Assert.Empty(System.IO.Directory.GetFiles(Path.GetTempPath(), "sencohub-upload-*"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ErrorsAreProblemDetails_AndRolesAreCheckedOnTheServer(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        using var staff = await app.ClientForAsync(DemoTrust.StaffOf("nb-oak").AadObjectId);
        var forSencos = (int)(await (await lead.PostAsync("/api/library/resources",
            LibraryTestKit.Form(null, null, title: "SENCO annual report template", link: "https://example.org/report", audiences: ["Senco"]))).Content.ReadFromJsonAsync<JsonObject>())!["resource"]!["id"]!;

        var badQuery = await LibraryTestKit.ProblemAsync(await staff.GetAsync("/api/library/resources?category=Poster&needArea=1&take=1000&skip=-1"), HttpStatusCode.BadRequest);
        Assert.Equal(["category", "needArea", "skip", "take"], badQuery["errors"]!.AsObject().Select(e => e.Key).Order());
        await LibraryTestKit.ProblemAsync(await staff.GetAsync($"/api/library/resources/{forSencos}"), HttpStatusCode.NotFound);
        await LibraryTestKit.ProblemAsync(await staff.GetAsync($"/api/library/resources/{forSencos}/content"), HttpStatusCode.NotFound);
        await LibraryTestKit.ProblemAsync(await staff.GetAsync("/api/library/resources/999999"), HttpStatusCode.NotFound);
        await LibraryTestKit.ProblemAsync(await staff.PostAsync($"/api/library/resources/{forSencos}/reviewed", null), HttpStatusCode.Forbidden);
        await LibraryTestKit.ProblemAsync(await staff.PutAsJsonAsync($"/api/library/resources/{forSencos}", LibraryTestKit.Metadata("Mine now")), HttpStatusCode.Forbidden);
        await LibraryTestKit.ProblemAsync(await lead.GetAsync($"/api/library/resources/{forSencos}/content?version=x"), HttpStatusCode.BadRequest);
        await LibraryTestKit.ProblemAsync(await lead.GetAsync("/api/library/contributions?state=Lost"), HttpStatusCode.BadRequest);
        await LibraryTestKit.ProblemAsync(await lead.PostAsync("/api/library/contributions/424242/approve", null), HttpStatusCode.NotFound);

        var link = await lead.GetAsync($"/api/library/resources/{forSencos}/content");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("https://example.org/report", link.Headers.Location?.OriginalString);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/library/resources")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task MarkReviewed_ClearsTheStaleFlag_AndEditsReachSearch(TestProvider provider)
    {
        await using var app = await LibraryTestKit.StartAsync(provider);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var old = await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Behaviour policy"), reviewedOn: new DateOnly(2025, 9, 1));
        await LibraryTestKit.AddResourceAsync(app, LibraryTestKit.Described("Fresh guide"));

        var stale = (await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?stale=true"))!;
        Assert.Equal([old], stale["items"]!.AsArray().Select(i => (int)i!["id"]!));
        Assert.Equal(1, (int)stale["facets"]!["stale"]!);
        Assert.True((bool)stale["items"]![0]!["isStale"]!);

        var reviewed = (await (await lead.PostAsync($"/api/library/resources/{old}/reviewed", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False((bool)reviewed["resource"]!["isStale"]!);
        Assert.Equal(DemoTrust.SendLead.Name, (string?)reviewed["lastReviewedBy"]);
        Assert.Equal(0, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?stale=true"))!["total"]!);

        Assert.Equal(HttpStatusCode.OK, (await lead.PutAsJsonAsync($"/api/library/resources/{old}", LibraryTestKit.Metadata("Relationships policy"))).StatusCode);
        Assert.Equal([old], (await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?q=relationships"))!["items"]!.AsArray().Select(i => (int)i!["id"]!));
        Assert.Equal(0, (int)(await lead.GetFromJsonAsync<JsonObject>("/api/library/resources?q=behaviour"))!["total"]!);
    }

    [SkippableFact]
    public async Task OnBlobStorage_ContributionsAndTheLibraryLiveInTheContainer()
    {
        var connectionString = LibraryTestKit.RequireAzurite();
        var container = Azurite.NewContainerName();
        await using var app = await LibraryTestKit.StartAsync(TestProvider.Sqlite, ("SencoHub:Storage:BlobConnectionString", connectionString), ("SencoHub:Storage:BlobContainer", container));
        using var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-oak").AadObjectId);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var file = Excel("Provision map", ("A1", "Intervention"), ("B1", "Cost per pupil per week"));

        var id = (int)(await (await senco.PostAsync("/api/library/resources", LibraryTestKit.Form("map.xlsx", file))).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var blobs = new Azure.Storage.Blobs.BlobContainerClient(connectionString, container);
        Assert.Single(blobs.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "contributions/", CancellationToken.None));
        var resource = (await (await lead.PostAsync($"/api/library/contributions/{id}/approve", null)).Content.ReadFromJsonAsync<JsonObject>())!["resource"]!;

        Assert.Empty(blobs.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "contributions/", CancellationToken.None));
        Assert.Single(blobs.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "library/", CancellationToken.None));
        Assert.Equal(file, await senco.GetByteArrayAsync($"/api/library/resources/{(int)resource["id"]!}/content"));
        Assert.Empty(LibraryTestKit.StoredFiles(app));
        await blobs.DeleteIfExistsAsync();
    }
}
