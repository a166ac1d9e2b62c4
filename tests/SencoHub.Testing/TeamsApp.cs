using SencoHub.Teams.Testing;

namespace SencoHub.Testing;

/// <summary>The app plus a loopback Teams Connector, and a client that plays Teams against it.</summary>
public sealed class TeamsApp : IAsyncDisposable
{
    private TeamsApp(SencoHubApp app, LoopbackConnector connector)
    {
        App = app;
        Connector = connector;
        Teams = new TeamsClient(app.CreateClient(), connector);
    }

    public SencoHubApp App { get; }
    public LoopbackConnector Connector { get; }
    public TeamsClient Teams { get; }

    public static async Task<TeamsApp> StartAsync(TestProvider provider = TestProvider.Sqlite, Action<SencoHubApp>? configure = null, LoopbackConnectorOptions? connectorOptions = null)
    {
        var connector = await LoopbackConnector.StartAsync(connectorOptions);
        var app = new SencoHubApp(provider);
        configure?.Invoke(app);
        await app.StartAsync();
        return new TeamsApp(app, connector);
    }

    /// <summary>Installs the app for each person, so the bot has their personal chats.</summary>
    public async Task InstallForAsync(IEnumerable<DemoPerson> people)
    {
        foreach (var person in people)
        {
            await Teams.InstallPersonalAsync(person);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
