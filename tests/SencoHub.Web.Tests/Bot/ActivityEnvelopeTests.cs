using System.Net;
using Microsoft.EntityFrameworkCore;
using SencoHub.Teams.Activities;
using SencoHub.Testing;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Bot;

/// <summary>
/// The probe's hostile envelopes against the whole app: each is a 400 that names the problem,
/// never a 500 and never a half-handled turn.
/// </summary>
public sealed class ActivityEnvelopeTests : IAsyncLifetime
{
    private TeamsApp _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsApp.StartAsync();

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Theory]
    [InlineData("javascript:alert(1)", "serviceUrl")]
    [InlineData("file:///etc/passwd", "serviceUrl")]
    [InlineData(null, "serviceUrl")]
    [InlineData("http://evil.example/", "serviceUrl")]
    public async Task HostileServiceUrl_Is400_AndNothingIsHandled(string? serviceUrl, string reason)
    {
        await AssertRefusedAsync(Message(serviceUrl: serviceUrl), reason);
    }

    [Fact]
    public async Task MessageWithoutConversationId_Is400_AndNothingIsHandled()
    {
        await AssertRefusedAsync(Message(conversationId: null), "conversation");
    }

    [Fact]
    public async Task InvokeWithHostileServiceUrl_Is400()
    {
        var invoke = new Activity
        {
            Id = "probe-invoke",
            Type = ActivityTypes.Invoke,
            Name = InvokeNames.AdaptiveCardAction,
            ServiceUrl = "javascript:alert(1)",
            ChannelId = "msteams",
            From = TeamsClient.From(DemoTrust.SendLead),
            Conversation = new ConversationAccount { Id = TeamsClient.PersonalChatOf(DemoTrust.SendLead), ConversationType = "personal", TenantId = TeamsClient.TenantId },
            Value = System.Text.Json.JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "help" }, trigger = "manual" }),
        };

        await AssertRefusedAsync(invoke.ToJson(), "serviceUrl");
    }

    [Fact]
    public async Task AWellFormedMessage_StillWorks()
    {
        var response = await _teams.Teams.MessageAsync(DemoTrust.SendLead, "help");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        await Eventually.TrueAsync(() => _teams.Connector.Requests.Count == 1, "the help reply");
    }

    private string Message(string? serviceUrl = "use connector", string? conversationId = "use personal chat")
    {
        var message = new Activity
        {
            Id = "probe-" + Guid.NewGuid().ToString("N"),
            Type = ActivityTypes.Message,
            Text = "help",
            ServiceUrl = serviceUrl == "use connector" ? _teams.Connector.ServiceUrl : serviceUrl,
            ChannelId = "msteams",
            From = TeamsClient.From(DemoTrust.SendLead),
            Recipient = new ChannelAccount { Id = TeamsClient.BotId },
            Conversation = new ConversationAccount
            {
                Id = conversationId == "use personal chat" ? TeamsClient.PersonalChatOf(DemoTrust.SendLead) : conversationId,
                ConversationType = "personal",
                TenantId = TeamsClient.TenantId,
            },
        };
        return message.ToJson();
    }

    private async Task AssertRefusedAsync(string body, string reason)
    {
        var response = await _teams.Teams.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(reason, (string?)response.Body?["detail"], StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.Empty(_teams.Connector.Requests);
        Assert.Equal(0, await _teams.App.WithDbAsync(db => db.Set<ConversationRecord>().CountAsync()));
    }
}
