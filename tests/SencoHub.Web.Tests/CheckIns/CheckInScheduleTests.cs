using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.CheckIns.CheckInsTestKit;

namespace SencoHub.Web.Tests.CheckIns;

/// <summary>Automatic rounds, reminders and closing, driven through the scheduled jobs with the fake clock.</summary>
public sealed class CheckInScheduleTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reminders_GoOnlyOnSchoolDayMornings_AtTheCadence_OnceADay_ToThoseWhoHaveNotAnswered(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        await app.WithScopeAsync(async services =>
        {
            // An INSET day inside the round: no reminder may go that day.
            await services.GetRequiredService<CalendarService>().UpsertNonSchoolDaysAsync([new NonSchoolDayEntry(new DateOnly(2026, 12, 1), "INSET day")]);
            await services.GetRequiredService<SencoHubDb>().SaveChangesAsync();
        });
        var round = await OpenRoundAsync(app);
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak"));

        for (var day = new DateOnly(2026, 11, 24); day <= new DateOnly(2026, 12, 18); day = day.AddDays(1))
        {
            foreach (var hour in new[] { 7, 9, 9, 15 })
            {
                await RunAsync<SendCheckInReminders>(app, London(day.Year, day.Month, day.Day, hour));
            }
        }

        var reminders = await OutboxAsync(app, "checkins.reminder");
        var days = reminders.Select(m => m.IdempotencyKey[^10..]).Distinct().Order().ToList();
        // Every 3 school days after Mon 23 Nov (skipping the INSET day), and the closing day itself.
        Assert.Equal(["2026-11-26", "2026-12-02", "2026-12-07", "2026-12-10", "2026-12-11"], days);
        Assert.All(reminders, m => Assert.True(m.DueAt <= m.CreatedAt, "due at once"));
        var expectedPerDay = Sencos.Sum(s => SchoolsOf(s).Count(school => school != "nb-oak"));
        Assert.All(days, d => Assert.Equal(expectedPerDay, reminders.Count(m => m.IdempotencyKey.EndsWith(d, StringComparison.Ordinal))));
        Assert.DoesNotContain(reminders, m => m.TargetAadObjectId == DemoTrust.SencoOf("nb-oak").AadObjectId);
        var twoSchools = DemoTrust.SencoOfTwoSchools;
        Assert.Equal(2 * days.Count, reminders.Count(m => m.TargetAadObjectId == twoSchools.AadObjectId));
        Assert.Contains(reminders, m => m.IdempotencyKey.EndsWith("2026-12-11", StringComparison.Ordinal) && m.ActivityJson.Contains("closes today", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NudgeNow_RemindsThoseOutstanding_OnceADay_AndWaitsForASchoolDayMorning(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        var senco = DemoTrust.SencoOf("nb-riv");
        await teams.InstallForAsync([senco]);
        var round = await OpenRoundAsync(app);
        var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var outstanding = DemoTrust.SchoolIds.Count;

        var first = await (await lead.PostAsync($"/api/checkins/rounds/{round}/nudge", null)).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (await lead.PostAsync($"/api/checkins/rounds/{round}/nudge", null)).Content.ReadFromJsonAsync<JsonObject>();

        var pairs = Sencos.Sum(s => SchoolsOf(s).Count);
        Assert.Equal((pairs, 0, outstanding), ((int)first!["queued"]!, (int)first["alreadyRemindedThatDay"]!, (int)first["schoolsOutstanding"]!));
        Assert.Equal((0, pairs), ((int)second!["queued"]!, (int)second["alreadyRemindedThatDay"]!));
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.PersonalChatOf(senco)).Any(a => Json(a.Json).Contains("Reminder: SEND check-in for Riverside Academy", StringComparison.Ordinal)), "the nudge in Teams");

        // On a Saturday the nudge waits for Monday's morning time.
        app.Clock.SetUtcNow(London(2026, 11, 28, 10));
        lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var weekend = await (await lead.PostAsync($"/api/checkins/rounds/{round}/nudge", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(pairs, (int)weekend!["queued"]!);
        Assert.Equal(London(2026, 11, 30, 8, 30), weekend["sendsAt"]!.GetValue<DateTimeOffset>());
        var waiting = (await OutboxAsync(app, "checkins.reminder")).Where(m => m.IdempotencyKey.EndsWith("2026-11-30", StringComparison.Ordinal)).ToList();
        Assert.Equal(pairs, waiting.Count);
        Assert.All(waiting, m => Assert.Equal(London(2026, 11, 30, 8, 30), m.DueAt));

        var head = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/api/checkins/rounds/{round}/nudge", null)).StatusCode);
        await lead.PostAsync($"/api/checkins/rounds/{round}/close", null);
        var closed = await lead.PostAsync($"/api/checkins/rounds/{round}/nudge", null);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheTermCalendarOpensTheRound_TheConfiguredSchoolDaysBeforeTheHalfTermEnds_Once(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;

        await RunAsync<OpenScheduledRounds>(app, London(2026, 11, 26, 9));
        await RunAsync<OpenScheduledRounds>(app, London(2026, 11, 27, 7));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CheckInRound>().CountAsync()));

        await RunAsync<OpenScheduledRounds>(app, London(2026, 11, 27, 9));
        await RunAsync<OpenScheduledRounds>(app, London(2026, 11, 27, 9, 5));
        await RunAsync<OpenScheduledRounds>(app, London(2026, 11, 30, 9));

        var round = Assert.Single(await app.WithDbAsync(db => db.Set<CheckInRound>().AsNoTracking().ToListAsync()));
        Assert.Equal(("2026-27", HalfTermName.Autumn2, new DateOnly(2026, 12, 11), new DateOnly(2026, 11, 27), (string?)null),
            (round.AcademicYear, round.HalfTerm, round.ClosesOn, round.OpenedOn, round.OpenedBy));
        Assert.Equal(Sencos.Sum(s => SchoolsOf(s).Count), (await OutboxAsync(app, "checkins.card")).Count);

        // When the SEND lead has opened a half-term's round already, the schedule leaves it alone.
        app.Clock.SetUtcNow(London(2027, 1, 11, 9));
        await OpenRoundAsync(app, halfTerm: "Spring1", closesOn: "2027-02-10");
        await RunAsync<OpenScheduledRounds>(app, London(2027, 1, 25, 9));
        var spring = Assert.Single(await app.WithDbAsync(db => db.Set<CheckInRound>().AsNoTracking().Where(r => r.HalfTerm == HalfTermName.Spring1).ToListAsync()));
        Assert.Equal((DemoTrust.SendLead.Name, new DateOnly(2027, 2, 10)), (spring.OpenedBy, spring.ClosesOn));

        // Otherwise the next half-term opens on its own too.
        await RunAsync<OpenScheduledRounds>(app, London(2027, 3, 8, 9));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<CheckInRound>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ARound_ClosesOnTheWeekdayMorningAfterItsDate_AndTheSummaryGoesToTheNetworkChannel(TestProvider provider)
    {
        await using var teams = await StartAsync(provider);
        var app = teams.App;
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        var round = await OpenRoundAsync(app);
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-oak"), Answers(round, "nb-oak"));
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-riv"), Answers(round, "nb-riv", a =>
        {
            a["q_support"] = "speech-language,training";
            (a["q_leadership"], a["q_identification"], a["q_tracking"], a["q_teaching"], a["q_provision"]) = ("3", "1", "2", "3", "3");
        }));
        await SubmitAsync(teams, DemoTrust.SencoOf("nb-hil"), Answers(round, "nb-hil", a => a["q_support"] = "training,other"));

        await RunAsync<CloseEndedRounds>(app, London(2026, 12, 11, 16));
        await RunAsync<CloseEndedRounds>(app, London(2026, 12, 12, 9));
        await RunAsync<CloseEndedRounds>(app, London(2026, 12, 14, 7));
        Assert.Null(await app.WithDbAsync(db => db.Set<CheckInRound>().Where(r => r.Id == round).Select(r => r.ClosedAt).SingleAsync()));

        await RunAsync<CloseEndedRounds>(app, London(2026, 12, 14, 9));
        await RunAsync<CloseEndedRounds>(app, London(2026, 12, 14, 10));

        Assert.Equal(London(2026, 12, 14, 9), await app.WithDbAsync(db => db.Set<CheckInRound>().Where(r => r.Id == round).Select(r => r.ClosedAt).SingleAsync()));
        var summary = Assert.Single(await OutboxAsync(app, "checkins.summary"));
        Assert.Equal(DeliveryTarget.NetworkChannel, summary.Target);
        await Eventually.TrueAsync(() => teams.Connector.Received(TeamsClient.TeamId).Any(a => Json(a.Json).Contains("Check-in closed", StringComparison.Ordinal)), "the summary in the channel");
        var card = Json(teams.Connector.Received(TeamsClient.TeamId).Last().Json);
        Assert.Contains($"3 of {DemoTrust.SchoolIds.Count} schools ({Math.Round(300.0 / DemoTrust.SchoolIds.Count, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%)", card, StringComparison.Ordinal);
        // Training 3, then one each: ties in the survey's order.
        Assert.Contains("- Training: 3 schools\\n- Educational psychologist: 1 school\\n- Speech and language therapy: 1 school", card, StringComparison.Ordinal);
        // Identification is the lowest area at all three schools; provision ties with it at two.
        Assert.Contains("- Identification: lowest for 3 schools\\n- Developing provision: lowest for 2 schools", card, StringComparison.Ordinal);
    }

    private static Task RunAsync<TJob>(SencoHubApp app, DateTimeOffset now) where TJob : class, SencoHub.Web.Platform.Scheduling.IScheduledJob
    {
        app.Clock.SetUtcNow(now);
        return app.WithScopeAsync(services => services.GetRequiredService<TJob>().RunAsync(now, CancellationToken.None));
    }
}
