using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Playground;

/// <summary>The action card's Acknowledge and inline update round trips with Microsoft's Teams simulator as the client.</summary>
public sealed class ActionsPlaygroundTests : IAsyncLifetime
{
    private SencoHubApp _app = null!;
    private SencoHub.Testing.Playground _playground = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp().Setting("SencoHub:Scheduling:Enabled", "false").OnKestrel().StartAsync();
        _playground = await SencoHub.Testing.Playground.StartAsync(new Uri(_app.ServerUri, "api/messages"));
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AHeadteacher_AcknowledgesTheActionCard_AndUpdatesIt_InThePlayground()
    {
        // The bot first meets Declan in the group chat (he presses a button on the help card there) ...
        var declan = DemoTrust.HeadteacherOf("nb-oak");
        await _playground.SendAsync(DemoTrust.SendLead, "help", _playground.GroupChatId);
        var help = await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "SencoHub commands"), "the help card in the group chat");
        await _playground.ExecuteAsync(declan, SencoHub.Testing.Playground.MessageId(help), "bot.commands", conversationId: _playground.GroupChatId);

        // ... so when the SEND lead sets an action, it opens a personal chat with him and sends the card there.
        using var lead = await _app.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        var created = await lead.PostAsJsonAsync("/api/actions", new
        {
            title = "Update the SEN register", detail = "Check every plan and record its review date.", reviewArea = "Identification", priority = "High",
            dueOn = "2027-01-29", ownerRole = "Headteacher", schools = new[] { "nb-oak" },
        });
        created.EnsureSuccessStatusCode();
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        OutboxMessage? card = null;
        await Eventually.TrueAsync(async () =>
        {
            card = await _app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Topic == ActionMessages.AssignedTopic));
            return card is { State: DeliveryState.Delivered or DeliveryState.Failed or DeliveryState.WaitingForInstall };
        }, "the card delivered through the playground");
        Assert.True(card!.State == DeliveryState.Delivered, card.FailureReason);
        Assert.Equal(declan.AadObjectId, card.TargetAadObjectId);

        var first = await _playground.ExecuteAsync(declan, card.SentActivityId!, ActionCards.AcknowledgeVerb, new { actionId = id, schoolId = "nb-oak" }, card.SentConversationId);
        var again = await _playground.ExecuteAsync(declan, card.SentActivityId!, ActionCards.AcknowledgeVerb, new { actionId = id, schoolId = "nb-oak" }, card.SentConversationId);

        foreach (var response in new[] { first, again })
        {
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
            Assert.Contains("Acknowledged by Declan Moore, 23 Nov 2026", response.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(ActionCards.AcknowledgeVerb, response.ToJsonString(), StringComparison.Ordinal);
        }

        // The inline update: the button's data merged with the card's inputs, as the client sends it.
        var updated = await _playground.ExecuteAsync(declan, card.SentActivityId!, ActionCards.UpdateVerb,
            new { actionId = id, schoolId = "nb-oak", status = "InProgress", note = "Years 1 to 3 checked.", evidenceUrl = "" }, card.SentConversationId);
        Assert.Contains("Status: In progress", updated.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Years 1 to 3 checked.", updated.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(1, await _app.WithDbAsync(db => db.Set<ActionAcknowledgement>().CountAsync()));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Set<ActionUpdate>().CountAsync()));
    }
}
