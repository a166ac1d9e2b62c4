using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Delivery;

public sealed class DeliveryTests : IAsyncLifetime
{
    private TeamsApp _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsApp.StartAsync();

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task ToPerson_WithAPersonalChat_IsDelivered_AndTheActivityIdKept()
    {
        var head = DemoTrust.HeadteacherOf("nb-oak");
        await _teams.Teams.InstallPersonalAsync(head);
        var chat = TeamsClient.PersonalChatOf(head);
        await Eventually.TrueAsync(() => _teams.Connector.Received(chat).Count == 1, "the welcome");

        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("Hello from the outbox"), "test:1", "test", "tracking:1", cancellationToken: ct));

        var delivered = await DeliveredAsync("test:1");
        var received = _teams.Connector.Received(chat)[^1];
        Assert.Equal("Hello from the outbox", received.Activity.Text);
        Assert.Equal(received.Id, delivered.SentActivityId);
        Assert.Equal(chat, delivered.SentConversationId);
    }

    [Fact]
    public async Task QueueingTheSameKeyTwice_SendsOnce()
    {
        var head = DemoTrust.HeadteacherOf("nb-oak");
        await _teams.Teams.InstallPersonalAsync(head);
        var first = await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("once"), "test:once", "test", cancellationToken: ct));
        var second = await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("once"), "test:once", "test", cancellationToken: ct));

        Assert.True(first);
        Assert.False(second);
        await DeliveredAsync("test:once");
        Assert.Single(_teams.Connector.Received(TeamsClient.PersonalChatOf(head)), a => a.Activity.Text == "once");
    }

    [Fact]
    public async Task ToPerson_SeenOnlyInATeam_GetsAPersonalChatCreated()
    {
        var senco = DemoTrust.SencoOf("nb-riv");
        await _teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, senco);

        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(senco.AadObjectId, Activity.CreateMessage("First contact"), "test:create", "test", cancellationToken: ct));

        var delivered = await DeliveredAsync("test:create");
        var created = Assert.Single(_teams.Connector.CreatedConversations);
        Assert.Equal(TeamsClient.UserIdOf(senco), (string?)created["members"]![0]!["id"]);
        Assert.Equal(TeamsClient.TenantId, (string?)created["tenantId"]);
        Assert.Equal("First contact", Assert.Single(_teams.Connector.Received(delivered.SentConversationId!)).Activity.Text);
        var chat = await _teams.App.WithScopeAsync(s => s.GetRequiredService<ConversationStore>().PersonalChatOfAsync(senco.AadObjectId));
        Assert.Equal(delivered.SentConversationId, chat!.ConversationId);
    }

    [Fact]
    public async Task SeveralMessages_ToSomeoneNew_AtOnce_AreEachDeliveredAndRecordedOnce()
    {
        var senco = DemoTrust.SencoOf("nb-riv");
        await _teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, senco);

        // One transaction: the worker picks them up together and sends them side by side.
        await _teams.App.WithScopeAsync(async services =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < 4; i++)
            {
                await outbox.ToPersonAsync(senco.AadObjectId, Activity.CreateMessage($"Card {i}"), $"test:burst:{i}", "test");
            }

            await services.GetRequiredService<SencoHubDb>().SaveChangesAsync();
        });

        for (var i = 0; i < 4; i++)
        {
            await DeliveredAsync($"test:burst:{i}");
        }

        var chat = await _teams.App.WithScopeAsync(s => s.GetRequiredService<ConversationStore>().PersonalChatOfAsync(senco.AadObjectId));
        var received = _teams.Connector.Received(chat!.ConversationId).Select(r => r.Activity.Text).Order().ToList();
        Assert.Equal(["Card 0", "Card 1", "Card 2", "Card 3"], received);
    }

    [Fact]
    public async Task ToPerson_NeverSeen_WaitsForThem_WithAReasonPeopleCanActOn_NotFailed()
    {
        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(DemoTrust.Trustee.AadObjectId, Activity.CreateMessage("x"), "test:unreachable", "test", cancellationToken: ct));

        await Eventually.TrueAsync(async () => (await MessageAsync("test:unreachable")).State == DeliveryState.WaitingForInstall, "held for them");
        var held = await MessageAsync("test:unreachable");
        Assert.Contains("not installed the app", held.FailureReason);
        Assert.Null(held.CompletedAt);
        Assert.Null(held.LeaseOwner);

        await _teams.Teams.InstallPersonalAsync(DemoTrust.Trustee);

        var delivered = await DeliveredAsync("test:unreachable");
        Assert.Null(delivered.FailureReason);
        Assert.Single(_teams.Connector.Received(TeamsClient.PersonalChatOf(DemoTrust.Trustee)), a => a.Activity.Text == "x");
    }

    [Fact]
    public async Task Throttled_WaitsForRetryAfter_ThenIsDelivered()
    {
        var head = DemoTrust.HeadteacherOf("nb-ash");
        await _teams.Teams.InstallPersonalAsync(head);
        var chat = TeamsClient.PersonalChatOf(head);
        await Eventually.TrueAsync(() => _teams.Connector.Received(chat).Count == 1, "the welcome");
        _teams.Connector.FailNext(chat, ScriptedFailure.Throttled);

        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("after the wait"), "test:throttled", "test", cancellationToken: ct));

        await Eventually.TrueAsync(async () => (await MessageAsync("test:throttled")).State == DeliveryState.Waiting, "waiting after 429");
        var waiting = await MessageAsync("test:throttled");
        Assert.Equal(_teams.App.Clock.GetUtcNow().AddSeconds(1), waiting.DueAt);
        _teams.App.Clock.Advance(TimeSpan.FromSeconds(2));
        var delivered = await DeliveredAsync("test:throttled");
        Assert.Equal(2, delivered.Attempts);
    }

    [Fact]
    public async Task Blocked_MarksTheConversationDead_AndIsNotRetried()
    {
        var head = DemoTrust.HeadteacherOf("nb-hil");
        await _teams.Teams.InstallPersonalAsync(head);
        var chat = TeamsClient.PersonalChatOf(head);
        await Eventually.TrueAsync(() => _teams.Connector.Received(chat).Count == 1, "the welcome");
        _teams.Connector.FailNext(chat, ScriptedFailure.MessageWritesBlocked, times: 5);

        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("x"), "test:blocked", "test", cancellationToken: ct));

        var failed = await FinishedAsync("test:blocked");
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal(1, failed.Attempts);
        var record = await _teams.App.WithDbAsync(db => db.Set<ConversationRecord>().SingleAsync(c => c.ConversationId == chat));
        Assert.True(record.IsDead);
        Assert.Equal(2, _teams.Connector.RequestCount(chat));
    }

    [Fact]
    public async Task TooLarge_FailsAtOnce()
    {
        var head = DemoTrust.HeadteacherOf("nb-bro");
        await _teams.Teams.InstallPersonalAsync(head);
        var chat = TeamsClient.PersonalChatOf(head);
        await Eventually.TrueAsync(() => _teams.Connector.Received(chat).Count == 1, "the welcome");
        _teams.Connector.FailNext(chat, ScriptedFailure.MessageSizeTooBig, times: 5);

        await QueueAsync((outbox, ct) => outbox.ToPersonAsync(head.AadObjectId, Activity.CreateMessage("x"), "test:413", "test", cancellationToken: ct));

        var failed = await FinishedAsync("test:413");
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("too large", failed.FailureReason);
    }

    [Fact]
    public async Task ToNetworkChannel_PostsWhereTheAppWasInstalled_AndAnUpdateReplacesIt()
    {
        await _teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        await Eventually.TrueAsync(() => _teams.Connector.Received(TeamsClient.TeamId).Count == 1, "the channel welcome");

        await QueueAsync((outbox, ct) => outbox.ToNetworkChannelAsync(Activity.CreateMessage("Round summary"), "test:channel", "test", "summary:1", cancellationToken: ct));
        var delivered = await DeliveredAsync("test:channel");
        await QueueAsync((outbox, ct) => outbox.ReplaceDeliveredAsync("summary:1", Activity.CreateMessage("Round summary (updated)"), "test:channel:update", "test", cancellationToken: ct));
        await DeliveredAsync("test:channel:update");

        var shown = _teams.Connector.Messages(TeamsClient.TeamId).Single(m => m.Id == delivered.SentActivityId);
        Assert.Equal("Round summary (updated)", shown.Activity.Text);
    }

    [Fact]
    public async Task ToNetworkChannel_WithoutOne_Fails()
    {
        await QueueAsync((outbox, ct) => outbox.ToNetworkChannelAsync(Activity.CreateMessage("x"), "test:nochannel", "test", cancellationToken: ct));
        Assert.Contains("network channel", (await FinishedAsync("test:nochannel")).FailureReason);
    }

    private async Task<bool> QueueAsync(Func<Outbox, CancellationToken, Task<bool>> queue)
    {
        var queued = false;
        await _teams.App.WithScopeAsync(async services =>
        {
            queued = await queue(services.GetRequiredService<Outbox>(), CancellationToken.None);
            await services.GetRequiredService<SencoHubDb>().SaveChangesAsync();
        });
        return queued;
    }

    private Task<OutboxMessage> MessageAsync(string key) =>
        _teams.App.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.IdempotencyKey == key));

    private async Task<OutboxMessage> DeliveredAsync(string key)
    {
        var message = await FinishedAsync(key);
        Assert.True(message.State == DeliveryState.Delivered, $"{key} is {message.State}: {message.FailureReason}");
        return message;
    }

    private async Task<OutboxMessage> FinishedAsync(string key)
    {
        await Eventually.TrueAsync(async () => (await MessageAsync(key)).State is DeliveryState.Delivered or DeliveryState.Failed, $"{key} to finish");
        return await MessageAsync(key);
    }
}
