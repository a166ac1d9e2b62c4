using System.Net;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Connector;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Connector;

public sealed class ConnectorFixture : IAsyncLifetime
{
    public LoopbackConnector Connector { get; private set; } = null!;

    public async Task InitializeAsync() => Connector = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { RequiredBearerToken = ConnectorClientTests.Token });

    public async Task DisposeAsync() => await Connector.DisposeAsync();
}

public sealed class ConnectorClientTests(ConnectorFixture fixture) : IClassFixture<ConnectorFixture>, IDisposable
{
    public const string Token = "bot-token-123";

    private readonly HttpClient _http = new();

    private LoopbackConnector Loopback => fixture.Connector;

    private ConnectorClient Client(ConnectorRetryOptions? retry = null, IBotTokenProvider? tokens = null, TeamsRateLimiter? limiter = null)
    {
        var options = new ConnectorClientOptions { Retry = retry ?? new ConnectorRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) } };
        options.AdditionalTrustedHosts.Add("127.0.0.1");
        return new ConnectorClient(_http, tokens ?? new StaticTokenProvider(Token), options, limiter);
    }

    private static string NewConversation() => "a:1" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Send_PostsTheActivity_WithTheBotToken_AndReturnsTheMessageId()
    {
        var conversation = NewConversation();

        var response = await Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("hello"));

        var received = Assert.Single(Loopback.Received(conversation));
        Assert.Equal(received.Id, response.Id);
        Assert.Equal("hello", received.Activity.Text);
        var request = Loopback.Requests.Single(r => r.ConversationId == conversation);
        Assert.Equal("Bearer " + Token, request.Authorization);
        Assert.Equal(201, request.Status);
    }

    [Fact]
    public async Task Ids_AreEscapedInThePath_AndTheTrailingSlashIsTrimmed()
    {
        const string conversation = "19:abc@thread.tacv2;messageid=1700000000001";

        await Client().SendToConversationAsync(Loopback.ServiceUrl.TrimEnd('/') + "//", conversation, Activity.CreateMessage("in a thread"));

        var request = Loopback.Requests.Last(r => r.ConversationId == conversation);
        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000001/activities", request.RawTarget);
        Assert.Single(Loopback.Received(conversation));
    }

    [Fact]
    public async Task Reply_Update_AndDelete_ChangeWhatTheUserSees()
    {
        var conversation = NewConversation();
        var client = Client();
        var card = new AdaptiveCard { Body = { new TextBlock("v1") } };
        var sent = await client.SendToConversationAsync(Loopback.ServiceUrl, conversation, card.ToMessage());

        var reply = await client.ReplyToActivityAsync(Loopback.ServiceUrl, conversation, sent.Id!, Activity.CreateMessage("a reply"));
        var updated = new AdaptiveCard { Body = { new TextBlock("v2") } };
        await client.UpdateActivityAsync(Loopback.ServiceUrl, conversation, sent.Id!, updated.ToMessage());
        await client.DeleteActivityAsync(Loopback.ServiceUrl, conversation, reply.Id!);

        var visible = Assert.Single(Loopback.Messages(conversation));
        Assert.Equal(sent.Id, visible.Id);
        Assert.Equal("v2", visible.Activity.Attachments![0].Content!["body"]![0]!["text"]!.GetValue<string>());
        var history = Loopback.Received(conversation);
        Assert.Equal(["POST", "POST", "PUT"], history.Select(h => h.Method));
        Assert.Equal(sent.Id, history[1].ReplyToId);
    }

    [Fact]
    public async Task CreatePersonalConversation_SendsTenantInBothPlaces()
    {
        var parameters = ConversationParameters.Personal("28:bot-app", "29:user-1", "tenant-1");

        var created = await Client().CreateConversationAsync(Loopback.ServiceUrl, parameters);

        Assert.StartsWith("a:", created.Id, StringComparison.Ordinal);
        var body = Loopback.CreatedConversations.Last(c => c["members"]![0]!["id"]!.GetValue<string>() == "29:user-1");
        Assert.False(body["isGroup"]!.GetValue<bool>());
        Assert.Equal("28:bot-app", body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("tenant-1", body["tenantId"]!.GetValue<string>());
        Assert.Equal("tenant-1", body["channelData"]!["tenant"]!["id"]!.GetValue<string>());

        await Client().SendToConversationAsync(Loopback.ServiceUrl, created.Id!, Activity.CreateMessage("proactive"));
        Assert.Equal("proactive", Assert.Single(Loopback.Received(created.Id!)).Activity.Text);
    }

    [Fact]
    public async Task Members_OneAndPaged()
    {
        var conversation = NewConversation();
        for (var i = 0; i < 120; i++)
        {
            Loopback.AddMember(conversation, new TeamsChannelAccount { Id = $"29:u{i}", Name = $"User {i}", AadObjectId = $"aad-{i}", UserPrincipalName = $"u{i}@school.test" });
        }

        var client = Client();
        var byUpn = await client.GetMemberAsync(Loopback.ServiceUrl, conversation, "u7@school.test");
        var firstPage = await client.GetPagedMembersAsync(Loopback.ServiceUrl, conversation, pageSize: 50);
        var all = await client.GetAllMembersAsync(Loopback.ServiceUrl, conversation, pageSize: 50);

        Assert.Equal("29:u7", byUpn.Id);
        Assert.Equal(50, firstPage.Members.Count);
        Assert.NotNull(firstPage.ContinuationToken);
        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_IsRetriedAfterThatLong_ThenSucceeds()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.Throttled);
        var started = DateTimeOffset.UtcNow;

        var response = await Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("eventually"));

        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.NotNull(response.Id);
        Assert.Equal([429, 201], Loopback.Requests.Where(r => r.ConversationId == conversation).Select(r => r.Status));
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetriedWithBackoff()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.ServiceUnavailable, times: 2);

        await Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("after two 503s"));

        Assert.Equal([503, 503, 201], Loopback.Requests.Where(r => r.ConversationId == conversation).Select(r => r.Status));
    }

    [Fact]
    public async Task Throttling_GivesUpAfterMaxAttempts_WithTheRetryAfter()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.ServiceUnavailable, times: 5);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(new ConnectorRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5) }).SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("x")));

        Assert.Equal(ConnectorFailure.Throttled, error.Failure);
        Assert.Equal(3, Loopback.RequestCount(conversation));
    }

    [Fact]
    public async Task TooLarge_IsNeverRetried()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.MessageSizeTooBig, times: 3);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("huge")));

        Assert.Equal(ConnectorFailure.TooLarge, error.Failure);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, error.StatusCode);
        Assert.Equal("MessageSizeTooBig", error.ErrorCode);
        Assert.Equal(1, Loopback.RequestCount(conversation));
    }

    [Fact]
    public async Task MessageWritesBlocked_MeansTheConversationIsGone_AndIsNeverRetried()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.MessageWritesBlocked, times: 3);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("anyone there?")));

        Assert.True(error.IsConversationGone);
        Assert.Equal("MessageWritesBlocked", error.SubCode);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, Loopback.RequestCount(conversation));
    }

    [Fact]
    public async Task ConversationNotFound_MeansTheConversationIsGone()
    {
        var conversation = NewConversation();
        Loopback.FailNext(conversation, ScriptedFailure.ConversationNotFound);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("x")));

        Assert.Equal(ConnectorFailure.ConversationGone, error.Failure);
    }

    [Fact]
    public async Task UpdatingAnUnknownMessage_IsNotFound_NotGone()
    {
        var conversation = NewConversation();
        await Client().SendToConversationAsync(Loopback.ServiceUrl, conversation, Activity.CreateMessage("x"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client().UpdateActivityAsync(Loopback.ServiceUrl, conversation, "999", Activity.CreateMessage("y")));

        Assert.Equal(ConnectorFailure.NotFound, error.Failure);
    }

    [Fact]
    public async Task WrongToken_IsUnauthorized()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(tokens: new StaticTokenProvider("stale")).SendToConversationAsync(Loopback.ServiceUrl, NewConversation(), Activity.CreateMessage("x")));

        Assert.Equal(ConnectorFailure.Unauthorized, error.Failure);
    }

    [Fact]
    public async Task TheToken_IsNeverSentToAnUntrustedHost()
    {
        var client = new ConnectorClient(_http, new StaticTokenProvider(Token));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync(Loopback.ServiceUrl, "a:1", Activity.CreateMessage("x")));

        Assert.Equal(ConnectorFailure.UntrustedServiceUrl, error.Failure);
        Assert.DoesNotContain(Loopback.Requests, r => r.ConversationId == "a:1");
    }

    [Fact]
    public async Task WithoutCredentials_RequestsGoOutWithoutAuthorization()
    {
        await using var open = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { AnswerSendsWithEmptyBody = true });
        var client = new ConnectorClient(_http, NoTokenProvider.Instance);

        var response = await client.SendToConversationAsync(open.ServiceUrl, "a:open", Activity.CreateMessage("x"));

        Assert.Null(response.Id);
        Assert.Null(Assert.Single(open.Requests).Authorization);
        Assert.Equal(202, open.Requests[0].Status);
    }

    [Fact]
    public async Task Unreachable_IsClassified()
    {
        var client = new ConnectorClient(_http, NoTokenProvider.Instance);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync("http://127.0.0.1:9/", "a:1", Activity.CreateMessage("x")));

        Assert.Equal(ConnectorFailure.Unreachable, error.Failure);
    }

    [Fact]
    public async Task RateLimiter_KeepsSendsUnderTeamsLimits_SoTheConnectorNeverThrottles()
    {
        await using var strict = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { EnforceTeamsLimits = true });
        // Teams counts on arrival; a wider margin absorbs the send-to-arrival jitter of a loaded test machine.
        var limiter = new TeamsRateLimiter(new TeamsRateLimitOptions { WindowMargin = TimeSpan.FromMilliseconds(600) });
        var client = new ConnectorClient(_http, NoTokenProvider.Instance, new ConnectorClientOptions { Retry = null }, limiter);
        var started = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 9).Select(i =>
            client.SendToConversationAsync(strict.ServiceUrl, "a:busy", Activity.CreateMessage($"message {i}"))));

        Assert.Equal(9, strict.Received("a:busy").Count);
        Assert.All(strict.Requests, r => Assert.Equal(201, r.Status));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2), "8 per 2 s means the 9th send waits for the window");
    }

    [Fact]
    public async Task WithoutTheLimiter_TheStrictConnectorAnswers429WithRetryAfter()
    {
        await using var strict = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { EnforceTeamsLimits = true });
        var client = new ConnectorClient(_http, NoTokenProvider.Instance, new ConnectorClientOptions { Retry = null });

        var results = new List<ConnectorException?>();
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await client.SendToConversationAsync(strict.ServiceUrl, "a:burst", Activity.CreateMessage("x"));
                results.Add(null);
            }
            catch (ConnectorException ex)
            {
                results.Add(ex);
            }
        }

        Assert.Equal(7, results.Count(r => r is null));
        var throttled = results.Single(r => r is not null)!;
        Assert.Equal(ConnectorFailure.Throttled, throttled.Failure);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.RetryAfter);
    }

    [Fact]
    public async Task RandomThrottling_IsAbsorbedByRetries()
    {
        await using var flaky = await LoopbackConnector.StartAsync(new LoopbackConnectorOptions { RandomFailureRate = 0.4, RandomRetryAfterSeconds = 0 });
        var client = new ConnectorClient(_http, NoTokenProvider.Instance, new ConnectorClientOptions
        {
            Retry = new ConnectorRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });

        for (var i = 0; i < 30; i++)
        {
            await client.SendToConversationAsync(flaky.ServiceUrl, "a:user" + i, Activity.CreateMessage("broadcast"));
        }

        Assert.Equal(30, Enumerable.Range(0, 30).Sum(i => flaky.Received("a:user" + i).Count));
        Assert.Contains(flaky.Requests, r => r.Status == 429);
        Assert.Contains(flaky.Requests, r => r.Status == 503);
    }

    [Fact]
    public void RetryAfter_AsHttpDate_IsRelativeToNow()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(42));

        var error = ConnectorClient.Classify(response, null, now);

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Equal(ConnectorFailure.Throttled, error.Failure);
    }

    [Theory]
    [InlineData(429, null, ConnectorFailure.Throttled)]
    [InlineData(412, null, ConnectorFailure.Throttled)]
    [InlineData(502, null, ConnectorFailure.Throttled)]
    [InlineData(504, null, ConnectorFailure.Throttled)]
    [InlineData(413, """{"error":{"code":"MessageSizeTooBig"}}""", ConnectorFailure.TooLarge)]
    [InlineData(403, """{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked"}}""", ConnectorFailure.ConversationGone)]
    [InlineData(403, """{"error":{"code":"BotNotInConversationRoster"}}""", ConnectorFailure.ConversationGone)]
    [InlineData(403, """{"error":{"code":"NotEnoughPermissions"}}""", ConnectorFailure.Unauthorized)]
    [InlineData(404, """{"error":{"code":"ConversationNotFound"}}""", ConnectorFailure.ConversationGone)]
    [InlineData(404, """{"error":{"code":"ActivityNotFoundInConversation"}}""", ConnectorFailure.NotFound)]
    [InlineData(400, "not json", ConnectorFailure.BadRequest)]
    [InlineData(500, null, ConnectorFailure.Other)]
    public void Failures_AreClassified(int status, string? body, ConnectorFailure expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(expected, ConnectorClient.Classify(response, body, DateTimeOffset.UtcNow).Failure);
    }

    public void Dispose() => _http.Dispose();

    private sealed class StaticTokenProvider(string token) : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }
}
