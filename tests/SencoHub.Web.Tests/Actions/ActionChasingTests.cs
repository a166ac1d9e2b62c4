using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

public sealed class ActionChasingTests
{
    private static async Task<SencoHubApp> StartAsync(TestProvider provider, DateTimeOffset now, params (string Key, string Value)[] settings)
    {
        var app = new SencoHubApp(provider).Setting("SencoHub:Scheduling:Enabled", "false"); // the tests play the scheduler
        foreach (var (key, value) in settings)
        {
            app.Setting(key, value);
        }

        app.Clock.SetUtcNow(now);
        return await app.StartAsync();
    }

    /// <summary>Runs the job as the scheduler would through each day (before, at and after the morning time), several times a day.</summary>
    private static async Task RunEachDayAsync(SencoHubApp app, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var hour in new[] { 7, 9, 13, 16 })
            {
                var now = London(day.Year, day.Month, day.Day, hour);
                if (now < app.Clock.GetUtcNow())
                {
                    continue; // the fake clock only moves forward
                }

                app.Clock.SetUtcNow(now);
                await RunChaseAsync(app, now);
            }
        }
    }

    /// <summary>What was chased: (day, kind, school) in order.</summary>
    private static Task<List<(DateOnly On, ChaseKind Kind, string School)>> ChasedAsync(SencoHubApp app, int actionId) =>
        app.WithDbAsync(async db => (await db.Set<ActionReminder>().Where(r => r.ActionId == actionId).ToListAsync())
            .OrderBy(r => r.On).ThenBy(r => r.Kind).ThenBy(r => r.SchoolId).Select(r => (r.On, r.Kind, r.SchoolId)).ToList());

    private static (DateOnly, ChaseKind, string) At(int year, int month, int day, ChaseKind kind, string school) => (new DateOnly(year, month, day), kind, school);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Chasing_DueSoonThenOverdueThenEveryFive_EscalatesAfterTen_OnSchoolDaysOnly_AcrossWeekendsAndTheHoliday(TestProvider provider)
    {
        await using var app = await StartAsync(provider, London(2026, 11, 23, 10)); // Monday
        var id = await CreateAsync(app, Body(dueOn: "2026-12-04")); // Friday week; Oakfield, Ashgrove, Riverside
        var withdrawn = await CreateAsync(app, Body(title: "Withdrawn", dueOn: "2026-12-04"));
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        (await lead.PostAsync($"/api/actions/{withdrawn}/withdraw", null)).EnsureSuccessStatusCode();
        using var ash = await app.ClientForAsync(DemoTrust.HeadteacherOf("nb-ash").AadObjectId);
        (await ash.PostAsJsonAsync($"/api/actions/{id}/schools/nb-ash/updates", new { status = "Done", note = "Register updated." })).EnsureSuccessStatusCode();

        await RunEachDayAsync(app, new DateOnly(2026, 11, 23), new DateOnly(2027, 1, 6));

        // Due-soon: Tue 1 Dec (Wed, Thu, Fri = 3 school days left). Overdue: Mon 7 Dec, the first school day after
        // Friday's due date; then every 5 school days: Mon 14 Dec, and Mon 4 Jan after the Christmas holiday.
        // Escalated: Fri 18 Dec, the 10th school day overdue. Ashgrove is done and the withdrawn action is left alone.
        Assert.Equal(
        [
            At(2026, 12, 1, ChaseKind.DueSoon, "nb-oak"), At(2026, 12, 1, ChaseKind.DueSoon, "nb-riv"),
            At(2026, 12, 7, ChaseKind.Overdue, "nb-oak"), At(2026, 12, 7, ChaseKind.Overdue, "nb-riv"),
            At(2026, 12, 14, ChaseKind.Overdue, "nb-oak"), At(2026, 12, 14, ChaseKind.Overdue, "nb-riv"),
            At(2026, 12, 18, ChaseKind.Escalated, "nb-oak"), At(2026, 12, 18, ChaseKind.Escalated, "nb-riv"),
            At(2027, 1, 4, ChaseKind.Overdue, "nb-oak"), At(2027, 1, 4, ChaseKind.Overdue, "nb-riv"),
        ], await ChasedAsync(app, id));
        Assert.Empty(await ChasedAsync(app, withdrawn));

        // Each reminder went once to the school's headteacher, and one digest to the SEND lead.
        var sent = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Topic == ActionMessages.ReminderTopic || m.Topic == ActionMessages.EscalationTopic).ToListAsync());
        Assert.Equal(8, sent.Count(m => m.Topic == ActionMessages.ReminderTopic));
        Assert.Equal(4, sent.Count(m => m.Topic == ActionMessages.ReminderTopic && m.TargetAadObjectId == DemoTrust.HeadteacherOf("nb-oak").AadObjectId));
        var digest = Assert.Single(sent, m => m.Topic == ActionMessages.EscalationTopic);
        Assert.Equal(DemoTrust.SendLead.AadObjectId, digest.TargetAadObjectId);
        Assert.Contains("2 actions are escalated to you", digest.ActivityJson, StringComparison.Ordinal);
        Assert.Contains("10 school days overdue", digest.ActivityJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Chasing_SkipsTheFebruaryHalfTerm_BothBeforeAndAfterTheDueDate(TestProvider provider)
    {
        await using var app = await StartAsync(provider, London(2027, 2, 1, 10)); // Monday; half-term is 15-19 Feb
        var beforeHalfTerm = await CreateAsync(app, Body(title: "Due before half-term", dueOn: "2027-02-12", schools: Schools("nb-hil")));
        var afterHalfTerm = await CreateAsync(app, Body(title: "Due after half-term", dueOn: "2027-02-23", schools: Schools("nb-hil")));

        await RunEachDayAsync(app, new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 9));

        // Due Fri 12 Feb: due-soon Tue 9; overdue Mon 22 (after the holiday week), Mon 1 Mar; escalated Fri 5 Mar; then Mon 8 Mar.
        Assert.Equal(
        [
            At(2027, 2, 9, ChaseKind.DueSoon, "nb-hil"), At(2027, 2, 22, ChaseKind.Overdue, "nb-hil"), At(2027, 3, 1, ChaseKind.Overdue, "nb-hil"),
            At(2027, 3, 5, ChaseKind.Escalated, "nb-hil"), At(2027, 3, 8, ChaseKind.Overdue, "nb-hil"),
        ], await ChasedAsync(app, beforeHalfTerm));
        // Due Tue 23 Feb: three school days before is Thu 11 Feb (Fri 12, Mon 22, Tue 23); overdue Wed 24, Wed 3 Mar; escalated Tue 9 Mar.
        Assert.Equal(
        [
            At(2027, 2, 11, ChaseKind.DueSoon, "nb-hil"), At(2027, 2, 24, ChaseKind.Overdue, "nb-hil"), At(2027, 3, 3, ChaseKind.Overdue, "nb-hil"),
            At(2027, 3, 9, ChaseKind.Escalated, "nb-hil"),
        ], await ChasedAsync(app, afterHalfTerm));
        var reminders = await app.WithDbAsync(db => db.Set<ActionReminder>().Select(r => r.At).ToListAsync());
        Assert.All(reminders, at => Assert.Equal(London(at.Year, at.Month, at.Day, 9), at)); // the first run after 08:30, never a weekend
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoInstancesChasingAtOnce_SendEachReminderOnce(TestProvider provider)
    {
        await using var app = await StartAsync(provider, London(2026, 11, 23, 10));
        await CreateAsync(app, Body(dueOn: "2026-11-25"));
        var morning = London(2026, 11, 24, 9);
        app.Clock.SetUtcNow(morning);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunChaseAsync(app, morning)));

        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ActionReminder>().CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Topic == ActionMessages.ReminderTopic)));
    }

    [Fact]
    public async Task NMAndK_AreConfigurable_AndTheMorningTimeIsRespected()
    {
        await using var app = await StartAsync(TestProvider.Sqlite, London(2026, 11, 23, 10),
            ("SencoHub:Actions:DueSoonSchoolDays", "1"), ("SencoHub:Actions:OverdueEverySchoolDays", "2"), ("SencoHub:Actions:EscalateAfterSchoolDays", "3"),
            ("SencoHub:Schedule:MorningTime", "07:30"));
        var id = await CreateAsync(app, Body(dueOn: "2026-11-26", schools: Schools("nb-bro"))); // Thursday

        await RunEachDayAsync(app, new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 3));

        // Due-soon Wed 25 (1 school day left); overdue Fri 27, then every 2: Tue 1, Thu 3; escalated Tue 1 (3 school days overdue).
        Assert.Equal(
        [
            At(2026, 11, 25, ChaseKind.DueSoon, "nb-bro"), At(2026, 11, 27, ChaseKind.Overdue, "nb-bro"), At(2026, 12, 1, ChaseKind.Overdue, "nb-bro"),
            At(2026, 12, 1, ChaseKind.Escalated, "nb-bro"), At(2026, 12, 3, ChaseKind.Overdue, "nb-bro"),
        ], await ChasedAsync(app, id));
        Assert.Equal(London(2026, 11, 25, 9), await app.WithDbAsync(db => db.Set<ActionReminder>().OrderBy(r => r.Id).Select(r => r.At).FirstAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheReminderCards_SayDueOrOverdue_CarryTheButtons_AndTheDigestReachesTheSendLead(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app =>
        {
            app.Setting("SencoHub:Scheduling:Enabled", "false").Setting("SencoHub:Actions:EscalateAfterSchoolDays", "1");
            app.Clock.SetUtcNow(London(2026, 11, 23, 10));
        });
        var head = DemoTrust.HeadteacherOf("nb-mea");
        await teams.InstallForAsync([head, DemoTrust.SendLead]);
        var id = await CreateAsync(teams.App, Body(dueOn: "2026-11-25", schools: Schools("nb-mea")));

        await RunEachDayAsync(teams.App, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26));

        var dueSoon = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head), "Reminder: this is due on 25 Nov 2026");
        Assert.Contains(AllActions(dueSoon), a => (string?)a["verb"] == ActionCards.AcknowledgeVerb);
        Assert.Contains(AllActions(dueSoon), a => (string?)a["verb"] == ActionCards.UpdateVerb);
        var overdue = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head), "Overdue: this was due on 25 Nov 2026");
        Assert.Contains(AllActions(overdue), a => (string?)a["verb"] == ActionCards.UpdateVerb);
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(DemoTrust.SendLead))
            .Any(m => m.Json.ToJsonString().Contains("1 action is escalated to you", StringComparison.Ordinal)), "the digest");
        var digest = teams.Connector.Messages(TeamsClient.PersonalChatOf(DemoTrust.SendLead)).Last().Json.ToJsonString();
        Assert.Contains("Meadowview All-Through School", digest, StringComparison.Ordinal);
        Assert.Contains($"/actions/{id}", digest, StringComparison.Ordinal);
    }
}
