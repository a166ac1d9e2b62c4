using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SencoHub.Teams.Tests.Hosting;

/// <summary>Two endpoints: one as deployed (https service URLs only), one as run locally (http on loopback too).</summary>
public sealed class EnvelopeFixture : IAsyncLifetime
{
    public RecordingHandler Handler { get; } = new();

    public BotApp Deployed { get; private set; } = null!;

    public BotApp Local { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Deployed = await BotApp.StartAsync(o => o.AllowUnauthenticated = true, _ => Handler);
        Local = await BotApp.StartAsync(
            o =>
            {
                o.AllowUnauthenticated = true;
                o.AllowLoopbackHttpServiceUrl = true;
            },
            _ => Handler);
    }

    public async Task DisposeAsync()
    {
        await Deployed.DisposeAsync();
        await Local.DisposeAsync();
    }
}

/// <summary>
/// The activity's envelope decides where replies go and whose conversation it is: a request with
/// an unusable one is refused with 400 and a reason, and never reaches the handler.
/// </summary>
public sealed class ActivityEnvelopeTests(EnvelopeFixture fixture) : IClassFixture<EnvelopeFixture>
{
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/emea/";

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/v3/conversations")]
    [InlineData("smba.trafficmanager.net/emea/")]
    [InlineData("ftp://smba.trafficmanager.net/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("https://user:secret@smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/emea/#fragment")]
    [InlineData("http://127.0.0.1:5000/_connector")]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task UnusableServiceUrl_Is400_WithTheReason_AndNothingIsHandled(string serviceUrl)
    {
        await AssertRefusedAsync(fixture.Deployed, Message(a => a["serviceUrl"] = serviceUrl), "serviceUrl");
    }

    [Fact]
    public async Task MissingServiceUrl_Is400()
    {
        await AssertRefusedAsync(fixture.Deployed, Message(a => a.Remove("serviceUrl")), "serviceUrl");
    }

    [Fact]
    public async Task ServiceUrlThatIsNotAString_Is400()
    {
        await AssertRefusedAsync(fixture.Deployed, Message(a => a["serviceUrl"] = 42), "activity");
    }

    [Fact]
    public async Task AnInvokeWithAnUnusableServiceUrl_Is400_NotAnInvokeAnswer()
    {
        var invoke = Fixtures.Node("04-invoke-adaptiveCard-action-personal.json");
        invoke["serviceUrl"] = "javascript:alert(1)";

        await AssertRefusedAsync(fixture.Local, invoke, "serviceUrl");
    }

    [Fact]
    public async Task LoopbackHttpServiceUrl_IsRefusedWhenDeployed_ButNotElsewhereThanLoopbackWhenLocal()
    {
        await AssertRefusedAsync(fixture.Local, Message(a => a["serviceUrl"] = "http://smba.trafficmanager.net/emea/"), "serviceUrl");
        await AssertRefusedAsync(fixture.Local, Message(a => a["serviceUrl"] = "http://10.0.0.5/_connector"), "serviceUrl");
        await AssertRefusedAsync(fixture.Deployed, Message(a => a["serviceUrl"] = "http://[::1]:5000/"), "serviceUrl");
        await AssertHandledAsync(fixture.Local, Message(a => a["serviceUrl"] = "http://[::1]:5000/"));
    }

    [Theory]
    [InlineData("no conversation")]
    [InlineData("conversation without id")]
    [InlineData("empty conversation id")]
    [InlineData("blank conversation id")]
    public async Task MissingConversationId_Is400(string shape)
    {
        var message = Message(a =>
        {
            switch (shape)
            {
                case "no conversation": a.Remove("conversation"); break;
                case "conversation without id": a["conversation"]!.AsObject().Remove("id"); break;
                case "empty conversation id": a["conversation"]!["id"] = string.Empty; break;
                default: a["conversation"]!["id"] = " \t"; break;
            }
        });

        await AssertRefusedAsync(fixture.Deployed, message, "conversation");
    }

    [Theory]
    [InlineData("03-message-personal.json")]
    [InlineData("04-invoke-adaptiveCard-action-personal.json")]
    public async Task AMessageOrInvokeFromNoOne_Is400(string name)
    {
        var activity = Fixtures.ForService(name, TeamsServiceUrl);
        activity["from"]!.AsObject().Remove("id");

        await AssertRefusedAsync(fixture.Deployed, activity, "from");
    }

    [Theory]
    [MemberData(nameof(Fixtures.All), MemberType = typeof(Fixtures))]
    public async Task EveryCapturedActivity_PassesAsSent(string name)
    {
        // The playground's own serviceUrl is http://localhost: fine locally, refused when deployed.
        await AssertHandledAsync(fixture.Local, Fixtures.Node(name));
        await AssertHandledAsync(fixture.Deployed, Fixtures.ForService(name, TeamsServiceUrl));
        await AssertRefusedAsync(fixture.Deployed, Fixtures.Node(name), "serviceUrl");
    }

    private static JsonObject Message(Action<JsonObject> change)
    {
        var message = Fixtures.ForService("03-message-personal.json", TeamsServiceUrl);
        change(message);
        return message;
    }

    private async Task AssertRefusedAsync(BotApp app, JsonNode activity, string reasonMentions)
    {
        var before = fixture.Handler.Calls;

        using var response = await app.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(reasonMentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Handler.Calls);
    }

    private async Task AssertHandledAsync(BotApp app, JsonNode activity)
    {
        var before = fixture.Handler.Calls;

        using var response = await app.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(fixture.Handler.Calls > before);
    }
}
