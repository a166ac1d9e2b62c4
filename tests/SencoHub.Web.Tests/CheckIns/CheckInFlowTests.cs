using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.CheckIns;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>The check-in round trip through HTTP and /api/messages, with a loopback Teams connector.</summary>
public sealed class CheckInFlowTests
{
    private const string CardType = "application/vnd.microsoft.card.adaptive";
    private const string MessageType = "application/vnd.microsoft.activity.message";
    private const string ErrorType = "application/vnd.microsoft.error";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpeningARound_SendsEachSencoOneClearlyLabelledCardPerSchoolTheyServe(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        await teams.InstallForAsync(Sencos);

        var round = await OpenRoundAsync(teams.App);

        var schoolNames = await teams.App.WithDbAsync(db => db.Set<Features.Directory.School>().ToDictionaryAsync(s => s.Id, s => s.Name));
        foreach (var senco in Sencos)
        {
            var schools = SchoolsOf(senco);
            await Eventually.TrueAsync(() => CheckInCardsIn(teams, senco).Count == schools.Count, $"{schools.Count} check-in card(s) for {senco.Name}");
            var cards = CheckInCardsIn(teams, senco);
            foreach (var school in schools)
            {
                var card = Assert.Single(cards, c => c.Contains($"For **{schoolNames[school]}**", StringComparison.Ordinal));
                Assert.Contains($"\"school\":\"{school}\"", card, StringComparison.Ordinal);
                Assert.Contains($"\"round\":{round}", card, StringComparison.Ordinal);
            }
        }

        Assert.Equal(Sencos.Sum(s => SchoolsOf(s).Count), (await OutboxAsync(teams.App, "checkins.card")).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Submit_ThenRevise_KeepsHistory_AndAfterCloseIsRefused(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOf("nb-oak");
        await teams.InstallForAsync([senco]);
        var round = await OpenRoundAsync(teams.App);

        var first = await SubmitAsync(teams, senco, Answers(round, "nb-oak"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(CardType, first.Type);
        Assert.Contains("Received — you can change your answers until 11 Dec 2026", CardOf(first), StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"checkins.edit\"", CardOf(first), StringComparison.Ordinal);
        Assert.Contains("Change my answers", CardOf(first), StringComparison.Ordinal);
        var stored = Assert.Single(await ResponsesAsync(teams.App));
        Assert.Equal((1, 42), (stored.Revision, stored.Answers.Number("sen-support")!.Value));

        var revised = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_sen-support"] = "45"));
        var again = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_sen-support"] = "45"));

        Assert.Equal(CardType, revised.Type);
        Assert.Equal(CardType, again.Type);
        stored = Assert.Single(await ResponsesAsync(teams.App));
        Assert.Equal((2, 45), (stored.Revision, stored.Answers.Number("sen-support")!.Value));
        var history = await RevisionsAsync(teams.App);
        Assert.Equal([1, 2], history.Select(h => h.Revision));
        Assert.Contains("\"sen-support\":42", history[0].AnswersJson, StringComparison.Ordinal);
        Assert.Contains("\"sen-support\":45", history[1].AnswersJson, StringComparison.Ordinal);

        var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/checkins/rounds/{round}/close", null)).StatusCode);

        var late = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_sen-support"] = "50"));
        var lateEdit = await teams.Teams.ExecuteAsync(senco, CheckInCards.EditVerb, new { round, school = "nb-oak" });

        Assert.Equal(MessageType, late.Type);
        Assert.Contains("closed", late.Body!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", late.Body!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(MessageType, lateEdit.Type);
        stored = Assert.Single(await ResponsesAsync(teams.App));
        Assert.Equal((2, 45), (stored.Revision, stored.Answers.Number("sen-support")!.Value));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AfterTheClosingDate_SubmissionsAreRefused_EvenBeforeTheRoundIsMarkedClosed(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOf("nb-oak");
        var round = await OpenRoundAsync(teams.App);
        Assert.Equal(CardType, (await SubmitAsync(teams, senco, Answers(round, "nb-oak"))).Type);

        teams.App.Clock.SetUtcNow(London(2026, 12, 11, 23, 59));
        Assert.Equal(CardType, (await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_ehc-plans"] = "8"))).Type);
        teams.App.Clock.SetUtcNow(London(2026, 12, 12, 0, 1));
        var late = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_ehc-plans"] = "9"));

        Assert.Equal(MessageType, late.Type);
        Assert.Contains("closed on 11 Dec 2026", late.Body!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(8, Assert.Single(await ResponsesAsync(teams.App)).Answers.Number("ehc-plans"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AForgedSchool_IsRefused_WhateverTheCardDataSays(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var round = await OpenRoundAsync(teams.App);
        var oakSenco = DemoTrust.SencoOf("nb-oak");

        var forged = new[]
        {
            await SubmitAsync(teams, oakSenco, Answers(round, "nb-riv")),
            await SubmitAsync(teams, oakSenco, Answers(round, "no-such-school")),
            await SubmitAsync(teams, DemoTrust.HeadteacherOf("nb-oak"), Answers(round, "nb-oak")),
            await SubmitAsync(teams, DemoTrust.SendLead, Answers(round, "nb-oak")),
            await SubmitAsync(teams, DemoTrust.SencoOfTwoSchools, Answers(round, "nb-oak")),
            await teams.Teams.ExecuteAsync(oakSenco, CheckInCards.EditVerb, new { round, school = "nb-riv" }),
        };

        Assert.All(forged, r => Assert.Equal((HttpStatusCode.OK, MessageType), (r.Status, r.Type)));
        Assert.All(forged, r => Assert.Contains("only answer the check-in for a school where you are the SENCO", r.Body!["value"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Empty(await ResponsesAsync(teams.App));
        Assert.Empty(await RevisionsAsync(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task InvalidAnswers_ComeBackOnTheCard_WithTheValuesKept_AndNothingIsStored(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var round = await OpenRoundAsync(teams.App);
        var senco = DemoTrust.SencoOf("nb-oak");

        var response = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a =>
        {
            a["q_sen-support"] = "-3";
            a["q_ehc-plans"] = "99999";
            a["q_leadership"] = "7";
            a["q_concerns"] = "Worried about pupil A123456789012 this term.";
            a["q_wins"] = new string('w', 2001);
            a["q_support"] = "educational-psychologist,astrology";
            a.Remove("q_wellbeing");
        }));

        Assert.Equal((HttpStatusCode.OK, CardType), (response.Status, response.Type));
        var card = CardOf(response);
        Assert.Contains("7 answers need changing. Nothing has been saved yet.", card, StringComparison.Ordinal);
        Assert.Contains("Enter a whole number from 0 to 5,000.", card, StringComparison.Ordinal);
        Assert.Contains("Choose one of the points on the scale.", card, StringComparison.Ordinal);
        Assert.Contains("looks like a pupil's unique pupil number", card, StringComparison.Ordinal);
        Assert.Contains("Keep this to 2,000 characters or fewer (it has 2,001).", card, StringComparison.Ordinal);
        Assert.Contains("Choose from the options listed.", card, StringComparison.Ordinal);
        // The person's values are kept, valid and invalid alike, so they only fix what is wrong.
        Assert.Contains("\"value\":\"Worried about pupil A123456789012 this term.\"", card, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Screening in Reception is new this year.\"", card, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"" + new string('w', 2001) + "\"", card, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"q_ehc-requests\",\"label\":\"EHC needs assessment requests this half-term\",\"isRequired\":true,\"errorMessage\":\"Enter a whole number from 0 to 5,000.\",\"value\":2", card, StringComparison.Ordinal);
        Assert.Empty(await ResponsesAsync(teams.App));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task BadInput_IsAnsweredClearly_NeverA500_AndNothingIsHalfStored(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var round = await OpenRoundAsync(teams.App);
        var senco = DemoTrust.SencoOf("nb-oak");

        var oversized = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_wins"] = new string('x', 70_000)));
        var noRound = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a.Remove("round")));
        var textRound = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["round"] = "abc"));
        var arrayData = await teams.Teams.ExecuteAsync(senco, CheckInCards.SubmitVerb, new[] { 1, 2, 3 });
        var noData = await teams.Teams.ExecuteAsync(senco, CheckInCards.SubmitVerb, null);
        var unknownRound = await SubmitAsync(teams, senco, Answers(round + 100, "nb-oak"));
        var wrongTypes = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a =>
        {
            a["q_sen-support"] = new { nested = 1 };
            a["q_ehc-plans"] = "1e309";
            a["q_ehc-requests"] = "99999999999999999999999999999999";
            a["q_leadership"] = true;
        }));

        Assert.All(new[] { oversized, noRound, textRound, arrayData, noData, unknownRound, wrongTypes }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(ErrorType, oversized.Type);
        Assert.Contains("larger than 64 KB", (string?)oversized.Body!["value"]!["message"], StringComparison.Ordinal);
        Assert.All(new[] { noRound, textRound, arrayData, noData }, r =>
        {
            Assert.Equal(ErrorType, r.Type);
            Assert.Equal(400, (int?)r.Body!["statusCode"]);
            Assert.Contains("does not say which check-in", (string?)r.Body!["value"]!["message"], StringComparison.Ordinal);
        });
        Assert.Equal(MessageType, unknownRound.Type);
        Assert.Equal(CardType, wrongTypes.Type);
        Assert.Contains("This answer was not in a form SencoHub can read.", CardOf(wrongTypes), StringComparison.Ordinal);
        Assert.Contains("4 answers need changing", CardOf(wrongTypes), StringComparison.Ordinal);
        Assert.Contains("Enter a whole number from 0 to 5,000. You entered \\\"1e309\\\".", CardOf(wrongTypes), StringComparison.Ordinal);
        Assert.Empty(await ResponsesAsync(teams.App));

        // Each answer within its limit, but together too long for the card they must fit back on.
        // (Three-byte characters in every long answer: within each limit, past the card's together.)
        var tooLongTogether = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a =>
        {
            a["q_wins"] = new string('界', 2000);
            a["q_concerns"] = new string('語', 1999);
            a["q_support-detail"] = new string('学', 1998);
            a["q_tracking-comment"] = new string('校', 1997);
            a["q_leadership-comment"] = new string('京', 1996);
            a["q_identification-comment"] = new string('都', 1995);
        }));
        Assert.Equal(CardType, tooLongTogether.Type);
        Assert.Contains("too long to fit on one Teams card", CardOf(tooLongTogether), StringComparison.Ordinal);
        Assert.Contains(new string('界', 2000), CardOf(tooLongTogether), StringComparison.Ordinal);
        Assert.Empty(await ResponsesAsync(teams.App));

        // Unknown inputs are ignored; script is stored as the text it is.
        const string script = "<script>alert('x')</script> **bold** [link](https://evil.example) <at>Priya</at>";
        var accepted = await SubmitAsync(teams, senco, Answers(round, "nb-oak", a =>
        {
            a["q_not-a-question"] = "ignored";
            a["injected"] = new { evil = true };
            a["q_concerns"] = script;
        }));

        Assert.Equal(CardType, accepted.Type);
        var stored = Assert.Single(await ResponsesAsync(teams.App));
        Assert.Equal(script, stored.Answers.Text("concerns"));
        Assert.DoesNotContain("not-a-question", stored.AnswersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("injected", stored.AnswersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", CardOf(accepted), StringComparison.Ordinal);
        Assert.DoesNotContain("<at>Priya</at>", CardOf(accepted), StringComparison.Ordinal);
        Assert.Contains("\\\\*\\\\*bold\\\\*\\\\*", CardOf(accepted), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answering_UpdatesTheCardEachSencoOfTheSchoolWasSent(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOfTwoSchools;
        await teams.InstallForAsync([senco]);
        var round = await OpenRoundAsync(teams.App);
        await Eventually.TrueAsync(() => CheckInCardsIn(teams, senco).Count == 2, "both cards delivered");
        var school = SchoolsOf(senco)[0];

        await SubmitAsync(teams, senco, Answers(round, school));

        var chat = TeamsClient.PersonalChatOf(senco);
        await Eventually.TrueAsync(() => teams.Connector.Received(chat).Any(a => a.Method == "PUT"), "the card updated in place");
        var updated = teams.Connector.Messages(chat).Select(m => Json(m.Json)).ToList();
        Assert.Single(updated, m => m.Contains("Received — you can change your answers until 11 Dec 2026", StringComparison.Ordinal));
        // The other school's card still asks for answers.
        Assert.Single(updated, m => m.Contains("SEND check-in:", StringComparison.Ordinal) && m.Contains("Send check-in", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CheckInCommand_GivesEachOpenCard_OrSaysWhenTheNextRoundOpens(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOfTwoSchools;
        var chat = TeamsClient.PersonalChatOf(senco);

        await teams.Teams.MessageAsync(senco, "check-in");
        await Eventually.TrueAsync(() => teams.Connector.Received(chat).Count == 1, "the reply");
        Assert.Contains("The Autumn 2 2026-27 check-in opens on 27 Nov 2026", Json(teams.Connector.Received(chat)[0].Json), StringComparison.Ordinal);

        var round = await OpenRoundAsync(teams.App);
        await SubmitAsync(teams, senco, Answers(round, SchoolsOf(senco)[1]));
        await teams.Teams.MessageAsync(senco, "check-in");

        await Eventually.TrueAsync(() => teams.Connector.Received(chat).Count(a => a.Activity.Attachments?.Count == 2) == 1, "two cards in one reply");
        var reply = teams.Connector.Received(chat).Single(a => a.Activity.Attachments?.Count == 2);
        var cards = reply.Json["attachments"]!.AsArray().Select(a => Json(a!["content"])).ToList();
        Assert.Contains(cards, c => c.Contains("For **Ashgrove Primary**", StringComparison.Ordinal) && !c.Contains("Sent by", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Contains("For **Willowbank Infant and Nursery**", StringComparison.Ordinal) && c.Contains("Sent by " + senco.Name, StringComparison.Ordinal));

        var lead = DemoTrust.SendLead;
        await teams.Teams.MessageAsync(lead, "check-in");
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(lead)).Count == 1, "the SEND lead's status");
        Assert.Contains($"1 of {DemoTrust.SchoolIds.Count} schools have answered", Json(teams.Connector.Received(TeamsClient.PersonalChatOf(lead))[0].Json), StringComparison.Ordinal);

        var staff = DemoTrust.StaffOf("nb-oak");
        await teams.Teams.MessageAsync(staff, "check-in");
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(staff)).Count == 1, "the reply to staff");
        Assert.Contains("answered by SENCOs", Json(teams.Connector.Received(TeamsClient.PersonalChatOf(staff))[0].Json), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EditAction_ReturnsTheSurveyFilledInWithWhatTheSchoolSent(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOf("nb-oak");
        var round = await OpenRoundAsync(teams.App);
        await SubmitAsync(teams, senco, Answers(round, "nb-oak"));

        var edit = await teams.Teams.ExecuteAsync(senco, CheckInCards.EditVerb, new { round, school = "nb-oak" });

        Assert.Equal(CardType, edit.Type);
        var card = edit.Body!["value"]!;
        var inputs = card["body"]!.AsArray().Where(e => ((string?)e!["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .ToDictionary(e => (string)e!["id"]!, e => e!["value"]?.ToJsonString());
        Assert.Equal("42", inputs["q_sen-support"]);
        Assert.Equal("\"3\"", inputs["q_leadership"]);
        Assert.Equal("\"educational-psychologist,training\"", inputs["q_support"]);
        Assert.Equal("\"The nurture group has settled well.\"", inputs["q_wins"]);
        Assert.Null(inputs["q_leadership-comment"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CheckInInTheNetworkChannel_GivesTheTrustWideSummary_NeverASchoolsCard(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOf("nb-oak");
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, senco);
        var round = await OpenRoundAsync(teams.App);
        await SubmitAsync(teams, senco, Answers(round, "nb-oak", a => a["q_concerns"] = "Something only the trust should read."));

        await teams.Teams.ChannelMessageAsync(senco, "check-in");

        await Eventually.TrueAsync(() => teams.Connector.Requests.Any(r => r.Body?.Contains("Check-in so far", StringComparison.Ordinal) == true), "the summary in the thread");
        var reply = teams.Connector.Requests.Single(r => r.Body?.Contains("Check-in so far", StringComparison.Ordinal) == true);
        Assert.StartsWith(TeamsClient.TeamId + ";", reply.ConversationId, StringComparison.Ordinal);
        Assert.Contains($"1 of {DemoTrust.SchoolIds.Count} schools", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SEND check-in:", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Oakfield", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Something only the trust should read", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckInInAChannel_FromSomeoneWhoMayNotReadCheckIns_GivesNoResults()
    {
        // The same rule as the API and the check-ins page, which refuse staff.
        await using var teams = await StartAsync(TestProvider.Sqlite);
        var senco = DemoTrust.SencoOf("nb-oak");
        var staff = DemoTrust.StaffOf("nb-oak");
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, senco, staff);
        var round = await OpenRoundAsync(teams.App);
        await SubmitAsync(teams, senco, Answers(round, "nb-oak"));
        var api = await teams.App.ClientForAsync(staff.AadObjectId);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/checkins/rounds/{round}/results")).StatusCode);

        await teams.Teams.ChannelMessageAsync(staff, "check-in");

        await Eventually.TrueAsync(() => RepliesInTheChannel(teams).Count == 1, "the answer in the thread");
        var reply = RepliesInTheChannel(teams).Single().Body!;
        Assert.Contains("Check-in results are for SENCOs, headteachers, the SEND lead and trustees.", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Check-in so far", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("of " + DemoTrust.SchoolIds.Count + " schools", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckInCardPressedByAnotherSchoolsSenco_GetsOneAnswer_WhateverTheRoundOrSchool()
    {
        await using var teams = await StartAsync(TestProvider.Sqlite);
        var round = await OpenRoundAsync(teams.App);
        var outsider = DemoTrust.SencoOf("nb-riv");

        var answers = new List<string>();
        foreach (var (roundId, school) in new[] { (round, "nb-oak"), (round, "no-such-school"), (round + 100, "nb-oak") })
        {
            answers.Add((await teams.Teams.ExecuteAsync(outsider, CheckInCards.EditVerb, new { round = roundId, school })).Body!.ToJsonString());
            answers.Add((await SubmitAsync(teams, outsider, Answers(roundId, school))).Body!.ToJsonString());
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("only answer the check-in for a school where you are the SENCO", answers[0], StringComparison.Ordinal);
    }

    private static List<SencoHub.Teams.Testing.ConnectorRequest> RepliesInTheChannel(TeamsApp teams) =>
        [.. teams.Connector.Requests.Where(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true)];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheActionSubmitFallback_StoresTheAnswers_AndUpdatesTheCardInPlace(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var senco = DemoTrust.SencoOf("nb-oak");
        await teams.InstallForAsync([senco]);
        var round = await OpenRoundAsync(teams.App);
        var chat = TeamsClient.PersonalChatOf(senco);
        await Eventually.TrueAsync(() => CheckInCardsIn(teams, senco).Count == 1, "the card");
        var card = teams.Connector.Received(chat).Single(a => Json(a.Json).Contains("SEND check-in:", StringComparison.Ordinal));

        // An older client without Universal Actions sends the fallback Action.Submit as a message.
        var data = Answers(round, "nb-oak");
        data["verb"] = CheckInCards.SubmitVerb;
        await teams.Teams.SendAsync(new SencoHub.Teams.Activities.Activity
        {
            Type = "message",
            From = TeamsClient.From(senco),
            ReplyToId = card.Id,
            Conversation = new SencoHub.Teams.Activities.ConversationAccount { Id = chat, ConversationType = "personal", TenantId = TeamsClient.TenantId },
            Value = System.Text.Json.JsonSerializer.SerializeToElement(data),
        });

        await Eventually.TrueAsync(() => teams.Connector.Messages(chat).Any(m => m.Id == card.Id && Json(m.Json).Contains("Received — you can change", StringComparison.Ordinal)), "the card updated");
        Assert.Equal(42, Assert.Single(await ResponsesAsync(teams.App)).Answers.Number("sen-support"));
    }

    private static List<string> CheckInCardsIn(TeamsApp teams, DemoPerson senco) =>
        [.. teams.Connector.Received(TeamsClient.PersonalChatOf(senco)).Where(a => a.Method != "PUT")
            .Select(a => Json(a.Json)).Where(j => j.Contains("SEND check-in:", StringComparison.Ordinal))];
}
