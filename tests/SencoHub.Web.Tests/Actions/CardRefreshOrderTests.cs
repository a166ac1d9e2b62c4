using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;

namespace SencoHub.Web.Tests.Actions;

/// <summary>
/// An acknowledgement and an update moments apart queue two updates of the same delivered card; the
/// delivery worker sends in parallel, so they may land in either order. The card people keep is the newest.
/// </summary>
public sealed class CardRefreshOrderTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CardUpdates_SentInTheWrongOrder_StillLeaveTheNewestCard(TestProvider provider)
    {
        await using var teams = await TeamsApp.StartAsync(provider, app => app.Setting("SencoHub:Delivery:Enabled", "false").Setting("SencoHub:Scheduling:Enabled", "false"));
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        await teams.InstallForAsync([declan]);
        var id = await CreateAsync(teams.App, Body(schools: Schools("nb-oak")));
        await SendAsync(teams.App, ActionMessages.AssignedTopic);
        var card = teams.Connector.Messages(TeamsClient.PersonalChatOf(declan)).Single(m => m.Json.ToJsonString().Contains("Trust SEND action", StringComparison.Ordinal));

        await AcknowledgeAsync(teams, declan, id, "nb-oak");
        await UpdateAsync(teams, declan, id, "nb-oak", "InProgress", "Years 1 to 3 checked.");
        var refreshes = await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.ReplacesTrackingKey != null).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal(2, refreshes.Count);
        await SendAsync(teams.App, refreshes[1]);
        await SendAsync(teams.App, refreshes[0]); // the older one lands last

        var shown = teams.Connector.Messages(TeamsClient.PersonalChatOf(declan)).Single(m => m.Id == card.Id).Json.ToJsonString();
        Assert.Contains("Years 1 to 3 checked.", shown, StringComparison.Ordinal);
        Assert.Contains("Status: In progress", shown, StringComparison.Ordinal);
        Assert.Contains($"Acknowledged by {declan.Name}", shown, StringComparison.Ordinal);
        Assert.True(await teams.App.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.State == DeliveryState.Delivered)));
    }

    private static async Task SendAsync(SencoHubApp app, string topic)
    {
        foreach (var id in await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Topic == topic).Select(m => m.Id).ToListAsync()))
        {
            await SendAsync(app, id);
        }
    }

    /// <summary>What the delivery worker does with one message: claim it, then send it.</summary>
    private static Task SendAsync(SencoHubApp app, long id) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<SencoHub.Web.Platform.Data.SencoHubDb>();
        await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, DeliveryState.Sending).SetProperty(m => m.LeaseOwner, "test"));
        await services.GetRequiredService<SendOutboxMessage>().SendAsync(id, "test", CancellationToken.None);
    });
}
