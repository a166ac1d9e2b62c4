using SencoHub.Testing;
using SencoHub.Web.Tests.CheckIns;

namespace SencoHub.Web.Tests.Playground;

/// <summary>A SENCO answering the half-termly check-in from the card, with Microsoft's Teams simulator as the client.</summary>
public sealed class CheckInPlaygroundTests : IAsyncLifetime
{
    private static readonly DemoPerson Senco = DemoTrust.SencoOf("nb-oak");
    private SencoHubApp _app = null!;
    private SencoHub.Testing.Playground _playground = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp().Setting("SencoHub:Scheduling:Enabled", "false").OnKestrel().StartAsync();
        _playground = await SencoHub.Testing.Playground.StartAsync(new Uri(_app.ServerUri, "api/messages"), currentUser: Senco);
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task OpeningARound_SendsTheSurvey_AndSubmittingItIsReceived()
    {
        await _playground.InstallAsync();
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, $"Welcome to SencoHub, {Senco.Name}"), "the welcome card");

        var round = await CheckInsTestKit.OpenRoundAsync(_app);

        var survey = await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "checkins.submit"), "the check-in card");
        var invalid = await _playground.ExecuteAsync(Senco, SencoHub.Testing.Playground.MessageId(survey), "checkins.submit",
            CheckInsTestKit.Answers(round, "nb-oak", a => a["q_sen-support"] = "-3"));
        Assert.Contains("needs changing", invalid.ToJsonString());

        var received = await _playground.ExecuteAsync(Senco, SencoHub.Testing.Playground.MessageId(survey), "checkins.submit",
            CheckInsTestKit.Answers(round, "nb-oak"));

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)received["type"]);
        Assert.Contains("you can change your answers until 11 Dec 2026", received.ToJsonString());
        Assert.Single(await CheckInsTestKit.ResponsesAsync(_app));
    }
}
