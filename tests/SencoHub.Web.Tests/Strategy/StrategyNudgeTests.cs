using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Strategy;

public sealed class StrategyNudgeTests
{
    private static readonly int HeadteacherCount = DemoTrust.With("Headteacher", null).Count;

    private static async Task<SencoHubApp> StartAsync(TestProvider provider, params (string Key, string Value)[] settings)
    {
        var app = new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false"); // the tests play the scheduler
        foreach (var (key, value) in settings)
        {
            app.Setting(key, value);
        }

        return await app.StartAsync();
    }

    /// <summary>Runs the job the way the scheduler would through each day: before, at and well after the morning time.</summary>
    private static async Task<Dictionary<DateOnly, int>> RunEachDayAsync(SencoHubApp app, DateOnly from, DateOnly to)
    {
        var sent = new Dictionary<DateOnly, int>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var before = await NudgesAsync(app);
            foreach (var hour in new[] { 7, 9, 13, 16 })
            {
                var now = London(day.Year, day.Month, day.Day, hour);
                if (now < app.Clock.GetUtcNow())
                {
                    continue; // the fake clock only moves forward
                }

                app.Clock.SetUtcNow(now);
                await RunNudgeJobAsync(app, now);
            }

            var count = await NudgesAsync(app) - before;
            if (count > 0)
            {
                sent[day] = count;
            }
        }

        return sent;
    }

    private static Task<int> NudgesAsync(SencoHubApp app) => app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == "strategy.nudge"));

    private static async Task<int> PublishAtAsync(SencoHubApp app, DateTimeOffset at, string title = "Trust SEND strategy 2026-29")
    {
        app.Clock.SetUtcNow(at);
        return await PublishNewVersionAsync(app, Body(title: title));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Nudges_GoOutOnSchoolDayMornings_AfterThreeSchoolDays_ThenEveryThree_SkippingTheWeekend(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        await PublishAtAsync(app, London(2026, 11, 26, 10)); // Thursday

        // Fri 27 (1), Mon 30 (2), Tue 1 Dec (3): first reminder; Wed 2 (1), Thu 3 (2), Fri 4 (3): the next.
        var firstWeek = await RunEachDayAsync(app, new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 3));
        Assert.Equal(new Dictionary<DateOnly, int> { [new DateOnly(2026, 12, 1)] = HeadteacherCount }, firstWeek);

        // A headteacher who acknowledges is left alone from then on.
        app.Clock.SetUtcNow(London(2026, 12, 3, 17));
        await app.WithScopeAsync(async services =>
        {
            var person = (await services.GetRequiredService<SencoHub.Web.Platform.Auth.IPersonDirectory>().FindAsync(DemoTrust.HeadteacherOf("nb-oak").AadObjectId, CancellationToken.None))!;
            await services.GetRequiredService<AcknowledgeStrategy>().AcknowledgeAsync(person, (await services.GetRequiredService<ReadStrategy>().CurrentAsync())!.Id);
        });

        var secondWeek = await RunEachDayAsync(app, new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 9));
        Assert.Equal(new Dictionary<DateOnly, int> { [new DateOnly(2026, 12, 4)] = HeadteacherCount - 1, [new DateOnly(2026, 12, 9)] = HeadteacherCount - 1 }, secondWeek);
        var oak = DemoTrust.HeadteacherOf("nb-oak").AadObjectId;
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == "strategy.nudge" && m.TargetAadObjectId == oak)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Nudges_SkipTheHalfTermHoliday(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        await PublishAtAsync(app, London(2027, 2, 9, 10)); // Tuesday before the February half-term

        // Wed 10 (1), Thu 11 (2), Fri 12 Feb (3); holiday 15-19 Feb; Mon 22 (1), Tue 23 (2), Wed 24 Feb (3).
        var sent = await RunEachDayAsync(app, new DateOnly(2027, 2, 9), new DateOnly(2027, 2, 26));

        Assert.Equal([new DateOnly(2027, 2, 12), new DateOnly(2027, 2, 24)], sent.Keys.Order());
        Assert.All(sent.Values, count => Assert.Equal(HeadteacherCount, count));
    }

    [Fact]
    public async Task Nudges_AfterTheEasterHoliday_GoOutAtTheMorningTime_InSummerTime()
    {
        await using var app = await StartAsync(TestProvider.Sqlite);
        await PublishAtAsync(app, London(2027, 3, 24, 10)); // Wednesday before Easter, still GMT

        // Thu 25 (1), Fri 26 (2); holiday to 11 Apr, clocks go forward on 28 Mar; Mon 12 Apr (3).
        var sent = await RunEachDayAsync(app, new DateOnly(2027, 3, 24), new DateOnly(2027, 4, 13));

        Assert.Equal([new DateOnly(2027, 4, 12)], sent.Keys);
        var at = await app.WithDbAsync(db => db.Set<StrategyNudge>().OrderBy(n => n.Id).Select(n => n.At).FirstAsync());
        Assert.Equal(new DateTimeOffset(2027, 4, 12, 8, 0, 0, TimeSpan.Zero), at); // 09:00 BST, the first run after 08:30 local
    }

    [Fact]
    public async Task NAndM_AreConfigurable()
    {
        await using var app = await StartAsync(TestProvider.Sqlite,
            ("SencoHub:Strategy:NudgeAfterSchoolDays", "1"), ("SencoHub:Strategy:NudgeEverySchoolDays", "2"), ("SencoHub:Schedule:MorningTime", "07:30"));
        await PublishAtAsync(app, London(2026, 11, 23, 10)); // Monday

        var sent = await RunEachDayAsync(app, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30));

        Assert.Equal([new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 30)], sent.Keys.Order());
        Assert.Equal(London(2026, 11, 24, 9), await app.WithDbAsync(db => db.Set<StrategyNudge>().OrderBy(n => n.Id).Select(n => n.At).FirstAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ANewVersion_StopsTheOldReminders_AndStartsItsOwnClock(TestProvider provider)
    {
        await using var app = await StartAsync(provider);
        var first = await PublishAtAsync(app, London(2026, 11, 23, 10));
        Assert.Single(await RunEachDayAsync(app, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 26))); // Thu 26 for version 1

        var second = await PublishAtAsync(app, London(2026, 11, 27, 10), "Revised"); // Friday
        var sent = await RunEachDayAsync(app, new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 3));

        Assert.Equal([new DateOnly(2026, 12, 2)], sent.Keys); // Mon 30 (1), Tue 1 (2), Wed 2 (3)
        var versions = await app.WithDbAsync(db => db.Set<StrategyNudge>().Select(n => n.VersionId).Distinct().OrderBy(v => v).ToListAsync());
        Assert.Equal([first, second], versions);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NudgeNow_RemindsEveryoneOutstanding_OncePerDay(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        var fiona = DemoTrust.HeadteacherOf("nb-ash");
        await teams.InstallForAsync([declan, fiona]);
        var id = await PublishNewVersionAsync(teams.App);
        await teams.Teams.ExecuteAsync(declan, "strategy.acknowledge", new { versionId = id });
        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await lead.PostAsync($"/api/strategy/versions/{id}/nudge", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var reminded = result["reminded"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(HeadteacherCount - 1, reminded.Count);
        Assert.DoesNotContain(declan.Name, reminded);
        Assert.Contains(fiona.Name, reminded);

        // The reminder card reaches Fiona with the Acknowledge button; pressing it records her.
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(fiona)).Any(m => m.Json.ToJsonString().Contains("Reminder: the trust SEND strategy", StringComparison.Ordinal)), "Fiona's reminder");
        var nudge = StrategyPublishingTests.Card(teams.Connector.Messages(TeamsClient.PersonalChatOf(fiona)).Last(m => m.Json.ToJsonString().Contains("Reminder", StringComparison.Ordinal)).Json);
        Assert.Contains("Ashgrove Primary", nudge.ToJsonString(), StringComparison.Ordinal);
        var press = StrategyPublishingTests.Actions(nudge).Single(a => (string?)a["verb"] == "strategy.acknowledge");
        Assert.Contains($"Acknowledged by {fiona.Name}", (await teams.Teams.ExecuteAsync(fiona, "strategy.acknowledge", press["data"])).CardText, StringComparison.Ordinal);

        // A second press the same day sends nothing more.
        var again = (await (await lead.PostAsync($"/api/strategy/versions/{id}/nudge", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(again["reminded"]!.AsArray());
        Assert.Equal(HeadteacherCount - 2, (int)again["alreadyRemindedToday"]!);

        var board = (await lead.GetFromJsonAsync<JsonObject>($"/api/strategy/versions/{id}/acknowledgements"))!;
        var riverside = board["rows"]!.AsArray().Single(r => (string?)r!["schoolId"] == "nb-riv")!;
        Assert.Equal("2026-11-23", (string?)riverside["lastRemindedOn"]);
        Assert.Equal(2, (int)board["acknowledged"]!);
        Assert.Equal(HeadteacherCount - 1, await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == "strategy.nudge")));
    }

    [Fact]
    public async Task NudgeNow_OnAVersionThatIsNotCurrent_Is409()
    {
        await using var app = await StartAsync(TestProvider.Sqlite);
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var first = await PublishNewVersionAsync(app);
        await PublishNewVersionAsync(app, Body(title: "Revised"));
        var draft = await CreateDraftAsync(lead, Body(title: "Draft"));

        await ProblemAsync(await lead.PostAsync($"/api/strategy/versions/{first}/nudge", null), HttpStatusCode.Conflict);
        await ProblemAsync(await lead.PostAsync($"/api/strategy/versions/{draft}/nudge", null), HttpStatusCode.Conflict);
        await ProblemAsync(await lead.PostAsync("/api/strategy/versions/424242/nudge", null), HttpStatusCode.NotFound);
        Assert.Equal(0, await NudgesAsync(app));
    }
}
