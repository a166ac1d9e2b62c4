using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Teams.Testing;

namespace SencoHub.Teams.Tests.Hosting;

/// <summary>
/// The Agents Playground's own activities (anonymous mode, mock ids) driven through the endpoint
/// and an <see cref="ActivityRouter"/>, with replies landing in a loopback Connector.
/// </summary>
public sealed class PlaygroundBotFixture : IAsyncLifetime
{
    public LoopbackConnector Connector { get; private set; } = null!;

    public BotApp App { get; private set; } = null!;

    public ConcurrentBag<ConversationReference> Installs { get; } = [];

    public ConcurrentDictionary<string, byte> Seen { get; } = new();

    public ConcurrentQueue<string> CommandArguments { get; } = new();

    public async Task InitializeAsync()
    {
        Connector = await LoopbackConnector.StartAsync();
        var router = new ActivityRouter()
            .OnTurnStarting((turn, _) => ValueTask.FromResult(Seen.TryAdd($"{turn.ConversationId}|{turn.ActivityId}", 0)))
            .OnInstallationUpdate((turn, _) =>
            {
                Installs.Add(turn.Reference!);
                return Task.CompletedTask;
            })
            .OnConversationUpdate(async (turn, ct) =>
            {
                if (turn.Activity.MembersAdded?.Any(m => m.Id == turn.Activity.Recipient?.Id) == true)
                {
                    await turn.SendAsync("Welcome!", ct);
                }
            })
            .OnCommand("show", async (turn, command, ct) =>
            {
                CommandArguments.Enqueue(command.Arguments);
                var card = new AdaptiveCard { Body = { new TextBlock("Please acknowledge") }, Actions = { new ExecuteAction("Ack", "ack") { Data = new { x = 1 } } } };
                await turn.SendAsync(card.ToMessage(), ct);
            })
            .OnCommand("hello", (turn, _, ct) => turn.ReplyAsync("Hello back", ct))
            .OnCommand("boom", (_, _, _) => throw new InvalidOperationException("handler bug"))
            .OnUnknownMessage((turn, command, ct) => turn.ReplyAsync($"Unknown command: {command.Command}", ct))
            .OnCardAction("ack", (_, action, _) => Task.FromResult(AdaptiveCardInvokeResponse.Card(
                new AdaptiveCard { Body = { new TextBlock($"Thanks ({action.GetString("x") ?? action.GetString("y")})") } })))
            .OnCardAction("slow", async (turn, _, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                await turn.SendAsync("Done slowly", ct);
                return AdaptiveCardInvokeResponse.Message("too late to be seen");
            })
            .OnCardAction("explode", (_, _, _) => throw new InvalidOperationException("card bug"))
            .OnCardAction("not-json", (_, _, _) => Task.FromResult(AdaptiveCardInvokeResponse.Card(new JsonObject { ["type"] = "AdaptiveCard", ["score"] = double.NaN })))
            .OnQuery("search", (_, query, _) => Task.FromResult(MessagingExtensionResponse.Result([
                new MessagingExtensionItem(new AdaptiveCard { Body = { new TextBlock(query.QueryText ?? "") } }, $"Result for {query.QueryText}") { TapValue = new { id = 1 } },
            ])))
            .OnInvoke(InvokeNames.TaskFetch, (_, _) => Task.FromResult(TaskModuleResponse.Continue("Edit", new AdaptiveCard { Body = { new TextBlock("Dialog") } })));

        App = await BotApp.StartAsync(
            o =>
            {
                o.AllowUnauthenticated = true;
                o.AllowLoopbackHttpServiceUrl = true;
                // Short enough for the slow-invoke test, long enough for a cold, busy CI machine.
                o.InvokeTimeout = TimeSpan.FromMilliseconds(1500);
            },
            _ => router);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

public sealed class PlaygroundFlowTests(PlaygroundBotFixture fixture) : IClassFixture<PlaygroundBotFixture>
{
    /// <summary>A captured activity, re-addressed to the loopback connector with fresh ids.</summary>
    private JsonObject Load(string name, out string conversationId)
    {
        var node = Fixtures.ForService(name, fixture.Connector.ServiceUrl);
        conversationId = node["conversation"]!["id"]!.GetValue<string>() + "-" + Guid.NewGuid().ToString("N")[..8];
        node["conversation"]!["id"] = conversationId;
        node["id"] = Guid.NewGuid().ToString();
        return node;
    }

    private static async Task<JsonObject> InvokeBody(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Install_StoresTheConversationReference()
    {
        var activity = Load("01-installationUpdate-personal.json", out var conversation);

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = Assert.Single(fixture.Installs, r => r.ConversationId == conversation);
        Assert.Equal(fixture.Connector.ServiceUrl, reference.ServiceUrl);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", reference.TenantId);
        Assert.Equal("user-id-0", reference.UserId);
    }

    [Fact]
    public async Task BotAddedToAChat_SendsAWelcome()
    {
        var activity = Load("02-conversationUpdate-personal.json", out var conversation);

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(fixture.Connector.Received(conversation));
        Assert.Equal("Welcome!", welcome.Activity.Text);
        Assert.Equal("00000000-0000-0000-0000-00000000000011", welcome.Activity.From!.Id);
        Assert.Equal("user-id-0", welcome.Activity.Recipient!.Id);
    }

    [Fact]
    public async Task PersonalMessage_RunsItsCommand_AndTheCardReachesTheConversation()
    {
        var activity = Load("03-message-personal.json", out var conversation);

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var sent = Assert.Single(fixture.Connector.Received(conversation));
        Assert.Equal(AdaptiveCard.ContentType, sent.Activity.Attachments![0].ContentType);
        Assert.Contains("card", fixture.CommandArguments);
    }

    [Fact]
    public async Task ChannelMessage_MentioningTheBot_IsAnsweredInItsThread()
    {
        var activity = Load("06-message-channel.json", out var conversation);
        var activityId = activity["id"]!.GetValue<string>();

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(fixture.Connector.Received(conversation));
        Assert.Equal("Hello back", reply.Activity.Text);
        Assert.Equal(activityId, reply.ReplyToId);
    }

    [Fact]
    public async Task ChannelMessage_WithoutAMention_IsIgnored()
    {
        var activity = Load("06-message-channel.json", out var conversation);
        activity["text"] = "hello";
        activity["entities"]!.AsArray().RemoveAt(0);

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Connector.Received(conversation));
    }

    [Fact]
    public async Task UnknownText_GoesToTheFallback()
    {
        var activity = Load("03-message-personal.json", out var conversation);
        activity["text"] = "  Frobnicate the widgets ";

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal("Unknown command: Frobnicate", Assert.Single(fixture.Connector.Received(conversation)).Activity.Text);
    }

    [Fact]
    public async Task Commands_AreCaseInsensitive()
    {
        var activity = Load("03-message-personal.json", out var conversation);
        activity["text"] = "HELLO";

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal("Hello back", Assert.Single(fixture.Connector.Received(conversation)).Activity.Text);
    }

    [Fact]
    public async Task ExecuteAction_IsAnsweredInBand_WithACard()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);

        using var response = await fixture.App.PostAsync(activity);

        var body = await InvokeBody(response);
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal(AdaptiveCard.ContentType, body["type"]!.GetValue<string>());
        Assert.Equal("Thanks (1)", body["value"]!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownVerb_GetsAPoliteMessage()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["value"]!["action"]!["verb"] = "retiredVerb";

        using var response = await fixture.App.PostAsync(activity);

        var body = await InvokeBody(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("Sorry, that button is no longer supported.", body["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitWithAVerb_ReplacesTheCardMessage()
    {
        var show = Load("03-message-personal.json", out var conversation);
        using (await fixture.App.PostAsync(show))
        {
        }

        var cardMessageId = Assert.Single(fixture.Connector.Received(conversation)).Id;
        var submit = Load("05-message-personal-submit.json", out _);
        submit["conversation"]!["id"] = conversation;
        submit["replyToId"] = cardMessageId;
        submit["value"] = new JsonObject { ["verb"] = "ack", ["y"] = "2" };

        using var response = await fixture.App.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visible = Assert.Single(fixture.Connector.Messages(conversation));
        Assert.Equal(cardMessageId, visible.Id);
        Assert.Equal("PUT", visible.Method);
        Assert.Equal("Thanks (2)", visible.Activity.Attachments![0].Content!["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitWithoutAVerb_IsAnsweredPolitely()
    {
        var activity = Load("05-message-personal-submit.json", out var conversation);

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sorry, that button is no longer supported.", Assert.Single(fixture.Connector.Received(conversation)).Activity.Text);
    }

    [Theory]
    [InlineData("foo/bar")]
    [InlineData("composeExtension/querySettingUrl")]
    [InlineData(null)]
    public async Task UnknownInvoke_Answers200WithAnEmptyObject(string? name)
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["name"] = name;

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal("{}", (await InvokeBody(response)).ToJsonString());
    }

    [Fact]
    public async Task MessageExtensionQuery_IsRoutedByCommandId()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["name"] = InvokeNames.ComposeExtensionQuery;
        activity["value"] = JsonNode.Parse("""{"commandId":"search","parameters":[{"name":"q","value":"annual review"}],"queryOptions":{"skip":0,"count":25}}""");

        using var response = await fixture.App.PostAsync(activity);

        var body = await InvokeBody(response);
        Assert.Equal("Result for annual review", body["composeExtension"]!["attachments"]![0]!["preview"]!["content"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaskFetch_IsRoutedByName()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["name"] = InvokeNames.TaskFetch;
        activity["value"] = JsonNode.Parse("""{"data":{},"context":{"theme":"default"}}""");

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal("continue", (await InvokeBody(response))["task"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowInvoke_IsAnsweredWithinItsBudget_AndTheWorkFinishesInTheBackground()
    {
        var warmUp = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        using (await fixture.App.PostAsync(warmUp))
        {
        }

        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out var conversation);
        activity["value"]!["action"]!["verb"] = "slow";
        var clock = Stopwatch.StartNew();

        using var response = await fixture.App.PostAsync(activity);

        var answeredAfter = clock.Elapsed;
        var body = await InvokeBody(response);
        // The budget is 1.5 s and the handler needs 5 s: only the deadline can have answered.
        Assert.True(answeredAfter < TimeSpan.FromSeconds(4), $"answered after {answeredAfter}");
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.StartsWith("Still working", body["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(fixture.Connector.Received(conversation));

        while (fixture.Connector.Received(conversation).Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        Assert.Equal("Done slowly", Assert.Single(fixture.Connector.Received(conversation)).Activity.Text);
    }

    [Fact]
    public async Task FailingInvoke_IsAFriendlyError_NeverA500()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["value"]!["action"]!["verb"] = "explode";

        using var response = await fixture.App.PostAsync(activity);

        var body = await InvokeBody(response);
        Assert.Equal(500, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.DoesNotContain("card bug", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerJsonCannotCarry_IsAFriendlyError_NeverA500()
    {
        var activity = Load("04-invoke-adaptiveCard-action-personal.json", out _);
        activity["value"]!["action"]!["verb"] = "not-json";

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await InvokeBody(response);
        Assert.Equal(500, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal(response.Content.Headers.ContentLength, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task FailingMessageHandler_Answers200_AndTellsTheUser()
    {
        var activity = Load("03-message-personal.json", out var conversation);
        activity["text"] = "boom";

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = Assert.Single(fixture.Connector.Received(conversation)).Activity.Text;
        Assert.StartsWith("Sorry, something went wrong", told, StringComparison.Ordinal);
        Assert.DoesNotContain("handler bug", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriedDelivery_OfTheSameActivity_IsProcessedOnce()
    {
        var activity = Load("03-message-personal.json", out var conversation);

        using (await fixture.App.PostAsync(activity))
        {
        }

        using var retry = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(fixture.Connector.Received(conversation));
    }

    [Fact]
    public async Task UnknownActivityTypes_AreAccepted()
    {
        var activity = Load("03-message-personal.json", out var conversation);
        activity["type"] = "somethingNew";

        using var response = await fixture.App.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Connector.Received(conversation));
    }

    [Fact]
    public void CardActionRequest_ReadsTheVerbTriggerAndData()
    {
        var activity = Fixtures.Activity("04-invoke-adaptiveCard-action-personal.json");
        activity.Value = JsonSerializer.Deserialize<JsonElement>("""{"action":{"type":"Action.Execute","id":"b1","verb":"v","data":{"n":3,"s":"x","z":null}},"trigger":"automatic"}""");

        var request = CardActionRequest.FromInvoke(activity)!;

        Assert.Equal("v", request.Verb);
        Assert.Equal("b1", request.ActionId);
        Assert.True(request.IsRefresh);
        Assert.False(request.IsSubmit);
        Assert.Equal("3", request.GetString("n"));
        Assert.Equal("x", request.GetString("s"));
        Assert.Null(request.GetString("z"));
        Assert.Null(request.GetString("missing"));
    }

    [Fact]
    public void MessagingExtensionQuery_ReadsParametersAndPaging()
    {
        var activity = new SencoHub.Teams.Activities.Activity
        {
            Type = ActivityTypes.Invoke,
            Value = JsonSerializer.Deserialize<JsonElement>("""{"commandId":"search","parameters":[{"name":"initialRun","value":"true"}],"queryOptions":{"skip":25,"count":10}}"""),
        };

        var query = MessagingExtensionQuery.From(activity)!;

        Assert.Equal("search", query.CommandId);
        Assert.True(query.IsInitialRun);
        Assert.Null(query.QueryText);
        Assert.Equal(25, query.Skip);
        Assert.Equal(10, query.Count);
    }
}
