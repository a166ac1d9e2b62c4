using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Hosting;
using SencoHub.Teams.Testing;
using SencoHub.Teams.Tests.Auth;

namespace SencoHub.Teams.Tests.Hosting;

public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public LoopbackOpenIdIssuer Issuer { get; private set; } = null!;

    public BotApp App { get; private set; } = null!;

    public RecordingHandler Handler { get; } = new();

    public async Task InitializeAsync()
    {
        Issuer = await LoopbackOpenIdIssuer.StartAsync();
        App = await BotApp.StartAsync(
            o =>
            {
                var auth = BotTokenValidatorTests.Options(Issuer);
                o.Authentication.AppId = auth.AppId;
                o.Authentication.BotFrameworkOpenIdMetadataUrl = auth.BotFrameworkOpenIdMetadataUrl;
                o.Authentication.EntraOpenIdMetadataUrlTemplate = auth.EntraOpenIdMetadataUrlTemplate;
                o.Authentication.RequireHttpsMetadata = false;
                foreach (var tenant in auth.AllowedTenantIds)
                {
                    o.Authentication.AllowedTenantIds.Add(tenant);
                }
                // The app's decision has no effect once an app id is configured.
                o.AllowUnauthenticated = true;
            },
            _ => Handler);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

public sealed class EndpointAuthenticationTests(AuthenticatedBotFixture fixture) : IClassFixture<AuthenticatedBotFixture>
{
    private static JsonNode ActivityJson(Action<Activity>? mutate = null)
    {
        var activity = TokenCorpus.Activity();
        mutate?.Invoke(activity);
        return JsonNode.Parse(activity.ToJson())!;
    }

    [Theory]
    [MemberData(nameof(TokenCorpus.BadCases), MemberType = typeof(TokenCorpus))]
    public async Task BadToken_IsRefused_AndNothingIsProcessed(TokenCase @case)
    {
        var before = fixture.Handler.Calls;

        using var response = await fixture.App.PostAsync(ActivityJson(@case.Mutate), @case.Header(fixture.Issuer));

        Assert.Equal((HttpStatusCode)@case.ExpectedStatus, response.StatusCode);
        Assert.Equal(before, fixture.Handler.Calls);
    }

    [Theory]
    [MemberData(nameof(TokenCorpus.GoodCases), MemberType = typeof(TokenCorpus))]
    public async Task ValidToken_IsProcessed(TokenCase @case)
    {
        var before = fixture.Handler.Calls;

        using var response = await fixture.App.PostAsync(ActivityJson(), @case.Header(fixture.Issuer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, fixture.Handler.Calls);
        TurnContext turn;
        lock (fixture.Handler.Turns)
        {
            turn = fixture.Handler.Turns[^1];
        }

        Assert.True(turn.Caller.IsAuthenticated);
        Assert.Equal("hello", turn.Activity.GetTextWithoutMentions());
    }

    [Fact]
    public async Task Garbage_IsABadRequest_WithProblemDetails()
    {
        var before = fixture.Handler.Calls;

        using var response = await fixture.App.PostRawAsync("{ this is not json", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, fixture.Handler.Calls);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("""{"type":"","text":"empty type"}""")]
    [InlineData("""{"type":42}""")]
    public async Task NotAnActivity_IsABadRequest(string body)
    {
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);
        var before = fixture.Handler.Calls;

        using var response = await fixture.App.PostRawAsync(body, "application/json", header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, fixture.Handler.Calls);
    }

    [Fact]
    public async Task NonJsonContentType_IsRefused()
    {
        using var response = await fixture.App.PostRawAsync(ActivityJson().ToJsonString(), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_IsRefused_BeforeParsing()
    {
        var huge = ActivityJson();
        huge["text"] = new string('x', 300 * 1024);

        using var response = await fixture.App.PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodyAtTheLimit_IsAccepted_AndOneByteMoreIsNot(int bytesOverLimit, HttpStatusCode expected)
    {
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);
        var body = PaddedTo(256 * 1024 + bytesOverLimit);
        var before = fixture.Handler.Calls;

        using var response = await fixture.App.PostRawAsync(body, "application/json", header);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(before + (expected == HttpStatusCode.OK ? 1 : 0), fixture.Handler.Calls);
    }

    [Theory]
    [InlineData(200 * 1024, HttpStatusCode.OK)]
    [InlineData(300 * 1024, HttpStatusCode.RequestEntityTooLarge)]
    public async Task ChunkedBody_WithNoLengthGiven_IsMeasuredAsItArrives(int size, HttpStatusCode expected)
    {
        var header = "Bearer " + fixture.Issuer.CreateBotFrameworkToken(TokenCorpus.AppId, TokenCorpus.ServiceUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            // A stream of unknown length: HttpClient sends it chunked, without Content-Length.
            Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(PaddedTo(size)))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await fixture.App.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>A valid activity whose UTF-8 body is exactly <paramref name="bytes"/> long.</summary>
    private static string PaddedTo(int bytes)
    {
        var json = ActivityJson();
        json["text"] = string.Empty;
        var empty = Encoding.UTF8.GetByteCount(json.ToJsonString());
        json["text"] = new string('x', bytes - empty);
        var text = json.ToJsonString();
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
        return text;
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task HeadAndGet_AreNotAllowed()
    {
        using var head = await fixture.App.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));
        using var get = await fixture.App.Http.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Contains("POST", get.Content.Headers.Allow);
    }

    [Fact]
    public async Task AnonymousMode_RequiresNoAppId_AndTheAppsConsent()
    {
        var handler = new RecordingHandler();
        // The playground's own activities, with its http://localhost serviceUrl.
        await using var notAllowed = await BotApp.StartAsync(o => o.AllowLoopbackHttpServiceUrl = true, _ => handler);
        await using var allowed = await BotApp.StartAsync(
            o =>
            {
                o.AllowUnauthenticated = true;
                o.AllowLoopbackHttpServiceUrl = true;
            },
            _ => handler);

        using var refused = await notAllowed.PostAsync(Fixtures.Node("02-conversationUpdate-personal.json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, handler.Calls);

        using var accepted = await allowed.PostAsync(Fixtures.Node("02-conversationUpdate-personal.json"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, handler.Calls);
        Assert.False(handler.Turns[0].Caller.IsAuthenticated);
    }
}
