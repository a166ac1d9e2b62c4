using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Tests.Library;

namespace SencoHub.Web.Tests.Playground;

/// <summary><c>find</c> with Microsoft's Teams simulator as the client: in the personal chat and in a group chat.</summary>
public sealed class LibraryPlaygroundTests : IAsyncLifetime
{
    private static readonly DemoPerson Senco = DemoTrust.SencoOf(DemoTrust.SchoolIds[0]);
    private SencoHubApp _app = null!;
    private SencoHub.Testing.Playground _playground = null!;

    public async Task InitializeAsync()
    {
        _app = await new SencoHubApp().OnKestrel().StartAsync();
        _playground = await SencoHub.Testing.Playground.StartAsync(new Uri(_app.ServerUri, "api/messages"), currentUser: Senco);
    }

    public async Task DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Find_RoundTrips_InThePersonalChat_AndAGroupChat()
    {
        await LibraryTestKit.AddResourceAsync(_app, LibraryTestKit.Described("Sensory circuit guide") with { NeedAreas = [NeedArea.SensoryAndPhysical] },
            body: "A short circuit of alerting, organising and calming activities before lessons.");
        await _playground.InstallAsync();
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "Welcome to SencoHub"), "the welcome card");

        await _playground.SendAsync(Senco, "find calming activities");
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "Sensory circuit guide") && SencoHub.Testing.Playground.HasText(m, "Sensory and/or physical"), "the results card");

        await _playground.SendAsync(Senco, "find zebra crossings");
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "Nothing matches"), "the nothing-found card");

        await _playground.SendAsync(DemoTrust.HeadteacherOf(DemoTrust.SchoolIds[0]), "find sensory circuit", _playground.GroupChatId);
        await _playground.WaitForMessageAsync(m => SencoHub.Testing.Playground.HasText(m, "sensory circuit") && SencoHub.Testing.Playground.HasText(m, "Sensory circuit guide"),
            "the group chat's results card");
    }
}
