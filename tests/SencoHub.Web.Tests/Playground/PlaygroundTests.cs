using SencoHub.Testing;

namespace SencoHub.Web.Tests.Playground;

/// <summary>The bot with Microsoft's own Teams simulator as the client, over real HTTP and WebSocket.</summary>
public sealed class PlaygroundTests : IAsyncLifetime
{
    private SencoHubApp _app = null!;
    private SencoHub.Testing.Playground _playground = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp().OnKestrel().StartAsync();
        _playground = await SencoHub.Testing.Playground.StartAsync(new Uri(_app.ServerUri, "api/messages"));
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Install_Help_AndACardButton_RoundTrip()
    {
        await _playground.InstallAsync();
        var welcome = await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "Welcome to SencoHub, Priya Shah"), "the welcome card");
        Assert.Contains("SEND lead for the whole trust", welcome.ToJsonString());

        await _playground.SendAsync(DemoTrust.SendLead, "help");
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "SencoHub commands"), "the help card");

        var invoke = await _playground.ExecuteAsync(DemoTrust.SendLead, SencoHub.Testing.Playground.MessageId(welcome), "bot.commands");
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)invoke["type"]);
        Assert.Contains("SencoHub commands", invoke.ToJsonString());
    }

    [Fact]
    public async Task SomeoneElseInThePlayground_IsKnownByTheirDirectoryRole()
    {
        await _playground.SendAsync(DemoTrust.HeadteacherOf("nb-oak"), "hello there", _playground.GroupChatId);
        var reply = await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "did not understand"), "the help reply");
        Assert.Contains("hello there", reply.ToJsonString());
    }
}
