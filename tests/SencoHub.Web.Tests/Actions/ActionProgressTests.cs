using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class ActionProgressTests
{
    private const string Evidence = "https://northbrook.sharepoint.com/sites/send/SEN%20register%20review.docx";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UpdatesFromTheCard_AppearInTheLogAndTheTracker_AndARepeatedPressRecordsOnce(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        var aisha = DemoTrust.SencoOf("nb-oak");
        await teams.InstallForAsync([declan]);
        var id = await CreateAsync(teams.App);
        await ActionCardAsync(teams, TeamsClient.PersonalChatOf(declan));

        var first = await UpdateAsync(teams, declan, id, "nb-oak", "InProgress", "Register checked for Years 1 to 3; the rest next week.");
        teams.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var pressedTwice = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => UpdateAsync(teams, aisha, id, "nb-oak", "Blocked", "Waiting for the MIS export.", Evidence)));

        Assert.Equal("application/vnd.microsoft.card.adaptive", first.Type);
        Assert.Contains("Status: In progress", first.CardText, StringComparison.Ordinal);
        Assert.Contains("Register checked for Years 1 to 3", first.CardText, StringComparison.Ordinal);
        Assert.All(pressedTwice, r => Assert.Contains("Status: Blocked", r.CardText, StringComparison.Ordinal));
        Assert.All(pressedTwice, r => Assert.Contains("Waiting for the MIS export", r.CardText, StringComparison.Ordinal));
        var log = await teams.App.WithDbAsync(db => db.Set<ActionUpdate>().OrderBy(u => u.Id).ToListAsync());
        Assert.Equal([AssignmentStatus.InProgress, AssignmentStatus.Blocked], log.Select(u => u.Status));
        Assert.Equal([declan.Name, aisha.Name], log.Select(u => u.PersonName));
        Assert.Equal([null, Evidence], log.Select(u => u.EvidenceUrl));

        // The same words a while later are a new entry (a weekly "still blocked").
        teams.App.Clock.Advance(TimeSpan.FromDays(2));
        await UpdateAsync(teams, aisha, id, "nb-oak", "Blocked", "Waiting for the MIS export.", Evidence);

        var action = await GetAsync(teams.App, DemoTrust.SendLead, $"/api/actions/{id}");
        var oak = School(action, "nb-oak");
        Assert.Equal("Blocked", (string?)oak["status"]);
        Assert.Equal(3, oak["updates"]!.AsArray().Count);
        Assert.Equal(["Blocked", "Blocked", "InProgress"], oak["updates"]!.AsArray().Select(u => (string)u!["status"]!)); // newest first
        Assert.Equal(aisha.Name, (string?)oak["latestUpdate"]!["by"]);
        Assert.Equal("NotStarted", (string?)School(action, "nb-ash")["status"]);
        var tracker = await ListAsync(teams.App, DemoTrust.SendLead, "?status=Blocked");
        Assert.Equal(["nb-oak"], Assert.Single(tracker)!["schools"]!.AsArray().Select(s => (string)s!["schoolId"]!));

        // Declan's delivered card now shows the SENCO's update.
        await ActionCardAsync(teams, TeamsClient.PersonalChatOf(declan), "Waiting for the MIS export");
    }

    /// <summary>
    /// Presses of the same update racing each other: whichever press records it, every answer is the card as
    /// committed, its status and its newest log entry alike (issue 12: a duplicate once answered "In progress"
    /// over a log that said "Blocked"). Twenty rounds, so the race cannot hide.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UpdatesFromTheCard_ConcurrentPressesOfOneUpdate_AllAnswerWithTheCommittedCard(TestProvider provider)
    {
        const int Rounds = 20, Presses = 5;
        await using var teams = await TeamsApp.StartAsync(provider);
        var aisha = DemoTrust.SencoOf("nb-oak");
        var id = await CreateAsync(teams.App);

        for (var round = 0; round < Rounds; round++)
        {
            teams.App.Clock.Advance(TimeSpan.FromMinutes(1));
            var status = round % 2 == 0 ? AssignmentStatus.Blocked : AssignmentStatus.InProgress;
            var note = $"Round {round}: waiting for the MIS export.";
            var answers = await Task.WhenAll(Enumerable.Range(0, Presses).Select(_ => UpdateAsync(teams, aisha, id, "nb-oak", status.ToString(), note)));

            foreach (var answer in answers)
            {
                Assert.Equal("application/vnd.microsoft.card.adaptive", answer.Type);
                var card = answer.Body!["value"]!.ToJsonString();
                var texts = TextBlocks(answer.Body!["value"]!).ToList();
                Assert.True(texts.Contains($"Status: {status.Display()}"), $"round {round}: the card says {texts.FirstOrDefault(t => t.StartsWith("Status:", StringComparison.Ordinal))}, the update was {status.Display()}");
                Assert.StartsWith($"**{status.Display()}** ·", texts.First(t => t.StartsWith("**", StringComparison.Ordinal)), StringComparison.Ordinal);
                Assert.Contains($"Round {round}:", card, StringComparison.Ordinal);
            }
        }

        var log = await teams.App.WithDbAsync(db => db.Set<ActionUpdate>().OrderBy(u => u.Id).Select(u => u.Note).ToListAsync());
        Assert.Equal(Enumerable.Range(0, Rounds).Select(r => $"Round {r}: waiting for the MIS export."), log);
    }

    private static IEnumerable<string> TextBlocks(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["type"] == "TextBlock" => [(string)o["text"]!],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : TextBlocks(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : TextBlocks(n)),
        _ => [],
    };

    public static TheoryData<string, string?, string?, string> BadUpdates => new()
    {
        { "Finished", "note", null, "is not a status" },
        { "InProgress", "See A123456789012", null, "unique pupil number" },
        { "InProgress", null, "http://example.org/evidence", "must be a web address starting with https://" },
        { "InProgress", null, "javascript:alert(1)", "must be a web address starting with https://" },
        { "InProgress", null, "https://user:pass@example.org/x", "must be a web address starting with https://" },
        { "InProgress", null, "https://example.org/T123456789012", "unique pupil number" },
        { "InProgress", new string('n', ActionLimits.NoteLength + 1), null, "the limit is 2,000" },
        { "NotStarted", "", "", "choose a new status, or add a note or an evidence link" },
    };

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task BadUpdates_AreRefused_OnTheCardAndInTheApi_AndNothingIsStored(string status, string? note, string? evidence, string message)
    {
        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var id = await CreateAsync(teams.App);
        var head = DemoTrust.HeadteacherOf("nb-ash");

        var card = await UpdateAsync(teams, head, id, "nb-ash", status, note, evidence);
        using var client = await teams.App.ClientForAsync(head.AadObjectId);
        var problem = await ProblemAsync(await client.PostAsJsonAsync($"/api/actions/{id}/schools/nb-ash/updates", new { status, note, evidenceUrl = evidence }), HttpStatusCode.BadRequest);

        Assert.Equal("application/vnd.microsoft.activity.message", card.Type);
        Assert.StartsWith("Nothing was saved.", (string?)card.Body!["value"], StringComparison.Ordinal);
        Assert.Contains(message, (string?)card.Body!["value"], StringComparison.Ordinal);
        Assert.Contains(message, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<ActionUpdate>(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UpdatesThroughTheApi_Are201_ARetryIs200_AndOnlyTheSchoolsHeadOrSencoMayUpdate(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var id = await CreateAsync(app);
        using var senco = await app.ClientForAsync(DemoTrust.SencoOf("nb-riv").AadObjectId);
        var body = new { status = "InProgress", note = "Started with Year 7.", evidenceUrl = Evidence };

        var created = await senco.PostAsJsonAsync($"/api/actions/{id}/schools/nb-riv/updates", body);
        var retried = await senco.PostAsJsonAsync($"/api/actions/{id}/schools/nb-riv/updates", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var first = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var second = (await retried.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)first["recorded"]!);
        Assert.False((bool)second["recorded"]!);
        Assert.Equal((int)first["update"]!["id"]!, (int)second["update"]!["id"]!);
        Assert.Equal("InProgress", (string?)first["schoolStatus"]);

        foreach (var person in new[] { DemoTrust.StaffOf("nb-riv"), DemoTrust.Trustee, DemoTrust.SendLead, DemoTrust.HeadteacherOf("nb-oak") })
        {
            using var client = await app.ClientForAsync(person.AadObjectId);
            await ProblemAsync(await client.PostAsJsonAsync($"/api/actions/{id}/schools/nb-riv/updates", new { status = "Done" }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(1, await CountAsync<ActionUpdate>(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WhenEverySchoolIsDone_TheActionCloses_AndAnUpdateBackReopensIt(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();
        var id = await CreateAsync(app, Body(schools: Schools("nb-oak", "nb-ash")));
        foreach (var school in new[] { "nb-oak", "nb-ash" })
        {
            using var head = await app.ClientForAsync(DemoTrust.HeadteacherOf(school).AadObjectId);
            var response = await head.PostAsJsonAsync($"/api/actions/{id}/schools/{school}/updates", new { status = "Done", note = "Register updated." });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var closed = await GetAsync(app, DemoTrust.SendLead, $"/api/actions/{id}");
        using var oak = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        await oak.PostAsJsonAsync($"/api/actions/{id}/schools/nb-oak/updates", new { status = "InProgress", note = "Two new starters to add." });
        var reopened = await GetAsync(app, DemoTrust.SendLead, $"/api/actions/{id}");

        Assert.Equal("Closed", (string?)closed["state"]);
        Assert.NotNull(closed["closedAt"]);
        Assert.Equal("Open", (string?)reopened["state"]);
        Assert.Null(reopened["closedAt"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdraw_KeepsTheRecord_UpdatesTheCardsPeopleHave_AndRefusesAnythingMore(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        await teams.InstallForAsync([declan]);
        var id = await CreateAsync(teams.App);
        await ActionCardAsync(teams, TeamsClient.PersonalChatOf(declan));
        await Eventually.TrueAsync(async () => await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.TargetAadObjectId == declan.AadObjectId && m.State == DeliveryState.Delivered)), "the card delivered");
        await UpdateAsync(teams, declan, id, "nb-oak", "InProgress", "Started.");
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await lead.PostAsJsonAsync($"/api/actions/{id}/withdraw", new { reason = "Replaced by the new register guidance." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawn = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Withdrawn", (string?)withdrawn["state"]);
        Assert.Equal("Replaced by the new register guidance.", (string?)withdrawn["withdrawnReason"]);
        var card = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(declan), "Withdrawn by");
        Assert.DoesNotContain(AllActions(card), a => (string?)a["type"] is "Action.Execute" or "Action.ShowCard");

        var press = await UpdateAsync(teams, declan, id, "nb-oak", "Done", "Finished anyway.");
        Assert.Contains("has been withdrawn", (string?)press.Body!["value"], StringComparison.Ordinal);
        await ProblemAsync(await lead.PostAsync($"/api/actions/{id}/withdraw", null), HttpStatusCode.Conflict);
        using var riv = await teams.App.ClientForAsync(DemoTrust.HeadteacherOf("nb-riv").AadObjectId);
        await ProblemAsync(await riv.PostAsync($"/api/actions/{id}/schools/nb-riv/acknowledge", null), HttpStatusCode.Conflict);
        Assert.Equal(1, await CountAsync<ActionUpdate>(teams.App));
        Assert.Equal(1, await CountAsync<ActionItem>(teams.App)); // never deleted
    }
}
