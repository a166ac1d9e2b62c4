using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Tests.Bot;

public sealed class BotTests : IAsyncLifetime
{
    private TeamsApp _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsApp.StartAsync();

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task Install_WelcomesThePersonWithWhoTheyAreInTheTrust()
    {
        var senco = DemoTrust.SencoOfTwoSchools;

        var response = await _teams.Teams.InstallPersonalAsync(senco);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var welcome = await SingleMessageAsync(TeamsClient.PersonalChatOf(senco));
        Assert.Contains($"Welcome to SencoHub, {senco.Name}", welcome);
        Assert.Contains("SENCO at Ashgrove Primary", welcome);
        Assert.Contains("SENCO at Willowbank Infant and Nursery", welcome);
        Assert.Contains("Northbrook Learning Trust", welcome);
    }

    [Fact]
    public async Task Install_BySomeoneNotInTheDirectory_IsPolite_AndShowsNoData()
    {
        var stranger = new DemoPerson("not-in-directory", "Sam Stranger", []);

        await _teams.Teams.InstallPersonalAsync(stranger);

        var reply = await SingleMessageAsync(TeamsClient.PersonalChatOf(stranger));
        Assert.Contains("has not added you to SencoHub yet", reply);
        Assert.DoesNotContain("Northbrook", reply);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("what can you do?")]
    public async Task HelpAndUnknownText_AnswerWithTheCommandList(string text)
    {
        var lead = DemoTrust.SendLead;

        await _teams.Teams.MessageAsync(lead, text);

        var reply = await SingleMessageAsync(TeamsClient.PersonalChatOf(lead));
        Assert.Contains("SencoHub commands", reply);
        Assert.Contains("help", reply);
    }

    [Fact]
    public async Task TeamInstall_IsRecordedAsTheNetworkChannel_AndTheBotAnswersOnlyWhenMentioned()
    {
        await _teams.Teams.InstallInTeamAsync(DemoTrust.SendLead, DemoTrust.SencoOf("nb-oak"));
        await Eventually.TrueAsync(() => _teams.Connector.Received(TeamsClient.TeamId).Count == 1, "the channel welcome");
        Assert.Contains("SencoHub is now in this channel", _teams.Connector.Received(TeamsClient.TeamId)[0].Json.ToJsonString());

        var channel = await _teams.App.WithScopeAsync<ConversationRecord?>(services => services.GetRequiredService<ConversationStore>().NetworkChannelAsync());
        Assert.Equal(TeamsClient.TeamId, channel!.ConversationId);
        // A team member the bot has seen can be reached personally later.
        Assert.NotNull(await _teams.App.WithDbAsync(db => db.Set<TeamsUser>().FirstOrDefaultAsync(u => u.AadObjectId == DemoTrust.SencoOf("nb-oak").AadObjectId)));

        await _teams.Teams.ChannelMessageAsync(DemoTrust.SencoOf("nb-oak"), "help", mentionBot: false);
        await _teams.Teams.ChannelMessageAsync(DemoTrust.SencoOf("nb-oak"), "help");
        await Eventually.TrueAsync(() => _teams.Connector.Requests.Count(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true) >= 1, "a reply in the thread");
        await Task.Delay(300);
        Assert.Equal(1, _teams.Connector.Requests.Count(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task ATeamNamedWithAPupilIdentifier_IsRecordedWithoutItsName()
    {
        var installer = TeamsClient.From(DemoTrust.SendLead);
        await _teams.Teams.SendAsync(new SencoHub.Teams.Activities.Activity
        {
            Type = "installationUpdate",
            Action = "add",
            From = installer,
            Conversation = new SencoHub.Teams.Activities.ConversationAccount { Id = TeamsClient.TeamId, ConversationType = "channel", IsGroup = true, TenantId = TeamsClient.TenantId },
            ChannelData = new SencoHub.Teams.Activities.TeamsChannelData
            {
                Team = new SencoHub.Teams.Activities.TeamInfo { Id = TeamsClient.TeamId, Name = "Support for \u0410 7000 0000 0037" },
                Channel = new SencoHub.Teams.Activities.ChannelInfo { Id = TeamsClient.TeamId },
                Tenant = new SencoHub.Teams.Activities.TenantInfo { Id = TeamsClient.TenantId },
            },
        });

        var channel = await _teams.App.WithDbAsync(db => db.Set<ConversationRecord>().SingleAsync(c => c.ConversationId == TeamsClient.TeamId));
        Assert.Null(channel.Name);
    }

    [Fact]
    public async Task Uninstall_ForgetsTheConversation()
    {
        var head = DemoTrust.HeadteacherOf("nb-oak");
        await _teams.Teams.InstallPersonalAsync(head);
        Assert.NotNull(await PersonalChatAsync(head));

        await _teams.Teams.UninstallPersonalAsync(head);

        Assert.Null(await PersonalChatAsync(head));
    }

    [Fact]
    public async Task ARetriedMessage_IsAnsweredOnce()
    {
        var lead = DemoTrust.SendLead;
        var activity = new SencoHub.Teams.Activities.Activity
        {
            Id = "retried-1",
            Type = "message",
            Text = "help",
            From = TeamsClient.From(lead),
            Conversation = new SencoHub.Teams.Activities.ConversationAccount { Id = TeamsClient.PersonalChatOf(lead), ConversationType = "personal", TenantId = TeamsClient.TenantId },
        };

        await _teams.Teams.SendAsync(activity);
        await _teams.Teams.SendAsync(activity);

        await SingleMessageAsync(TeamsClient.PersonalChatOf(lead));
        await Task.Delay(300);
        Assert.Single(_teams.Connector.Received(TeamsClient.PersonalChatOf(lead)));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"text\": \"no type\" }")]
    public async Task MalformedActivities_Are400_AndNothingIsProcessed(string body)
    {
        var response = await _teams.Teams.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Empty(_teams.Connector.Requests);
        Assert.Equal(0, await _teams.App.WithDbAsync(db => db.Set<ConversationRecord>().CountAsync()));
    }

    [Fact]
    public async Task AnOversizedActivity_IsRefused()
    {
        var response = await _teams.Teams.PostAsync($$"""{ "type": "message", "text": "{{new string('x', 300_000)}}" }""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Empty(_teams.Connector.Requests);
    }

    [Fact]
    public async Task AnUnknownCardButton_GetsAPoliteAnswer()
    {
        var response = await _teams.Teams.ExecuteAsync(DemoTrust.SendLead, "no.such.verb", new { x = 1 });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/vnd.microsoft.activity.message", response.Type);
    }

    private Task<ConversationRecord?> PersonalChatAsync(DemoPerson person) =>
        _teams.App.WithScopeAsync<ConversationRecord?>(services => services.GetRequiredService<ConversationStore>().PersonalChatOfAsync(person.AadObjectId));

    private async Task<string> SingleMessageAsync(string conversationId)
    {
        await Eventually.TrueAsync(() => _teams.Connector.Received(conversationId).Count > 0, $"a message in {conversationId}");
        return _teams.Connector.Received(conversationId)[0].Json.ToJsonString();
    }
}
