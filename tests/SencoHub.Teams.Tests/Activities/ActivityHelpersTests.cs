using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Tests.Activities;

public sealed class ActivityHelpersTests
{
    [Fact]
    public void GetTextWithoutMentions_StripsTheBotMention_InAChannel()
    {
        var activity = Fixtures.Activity("06-message-channel.json");

        Assert.True(activity.MentionsRecipient());
        Assert.Equal("hello", activity.GetTextWithoutMentions());
    }

    [Fact]
    public void GetTextWithoutMentions_KeepsMentionsOfOtherPeople()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>SencoHub</at> assign <at>Jane Doe</at>  now",
            Recipient = new ChannelAccount { Id = "28:bot", Name = "SencoHub" },
            Entities =
            [
                Entity.Mention("28:bot", "SencoHub"),
                Entity.Mention("29:jane", "Jane Doe"),
            ],
        };

        Assert.Equal("assign <at>Jane Doe</at> now", activity.GetTextWithoutMentions());
    }

    [Fact]
    public void GetTextWithoutMentions_WithoutEntities_StillStripsTheBotsOwnTag()
    {
        var activity = new Activity { Text = "<at>SencoHub</at>&nbsp;help me", Recipient = new ChannelAccount { Id = "28:bot", Name = "SencoHub" } };

        Assert.False(activity.MentionsRecipient());
        Assert.Equal("help me", activity.GetTextWithoutMentions());
    }

    [Fact]
    public void CreateReply_SwapsFromAndRecipient_AndThreadsOnTheActivity()
    {
        var inbound = Fixtures.Activity("03-message-personal.json");

        var reply = inbound.CreateReply("hi there");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(inbound.Recipient!.Id, reply.From!.Id);
        Assert.Equal(inbound.From!.Id, reply.Recipient!.Id);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(inbound.Conversation.TenantId, reply.Conversation.TenantId);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("hi there", reply.Text);
        Assert.Equal(TextFormats.Plain, reply.TextFormat);
    }

    [Fact]
    public void ConversationReference_FromChannelActivity_HasEverythingForProactiveMessages()
    {
        var activity = Fixtures.Activity("06-message-channel.json");

        var reference = ConversationReference.FromActivity(activity);

        Assert.Equal("http://localhost:56150/_connector", reference.ServiceUrl);
        Assert.Equal("team-id;messageid=1795371576231", reference.ConversationId);
        Assert.Equal("channel", reference.ConversationType);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", reference.TenantId);
        Assert.Equal("00000000-0000-0000-0000-00000000000011", reference.BotId);
        Assert.Equal("user-id-0", reference.UserId);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", reference.UserAadObjectId);
        Assert.Equal("Alex Wilber", reference.UserName);
        Assert.Equal("team-id", reference.TeamId);
        Assert.Equal("team-id", reference.TeamsChannelId);
        Assert.Equal("msteams", reference.ChannelId);
    }

    [Fact]
    public void ConversationReference_TakesTenantFromChannelData_WhenConversationLacksIt()
    {
        var activity = new Activity
        {
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Conversation = new ConversationAccount { Id = "a:1" },
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = "t-1" }, Team = new TeamInfo { Id = "19:t", AadGroupId = "g-1" } },
        };

        var reference = ConversationReference.FromActivity(activity);

        Assert.Equal("t-1", reference.TenantId);
        Assert.Equal("g-1", reference.TeamAadGroupId);
    }

    [Fact]
    public void ConversationReference_RequiresServiceUrlAndConversation()
    {
        Assert.Throws<ArgumentException>(() => ConversationReference.FromActivity(new Activity { Type = "message" }));
    }

    [Fact]
    public void IsInvoke_IsCaseInsensitive()
    {
        Assert.True(new Activity { Type = "Invoke" }.IsInvoke);
        Assert.False(new Activity { Type = "message" }.IsInvoke);
    }

    [Fact]
    public void GetClientInfo_ReturnsTheClientInfoEntity()
    {
        var info = Fixtures.Activity("03-message-personal.json").GetClientInfo();

        Assert.NotNull(info);
        Assert.Equal("Web", info.Platform);
        Assert.Equal("UTC", info.Timezone);
    }
}
