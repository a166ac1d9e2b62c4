using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Tests.Activities;

public sealed class ActivitySerializationTests
{
    [Theory]
    [MemberData(nameof(Fixtures.All), MemberType = typeof(Fixtures))]
    public void Fixture_RoundTrips_WithoutLosingAnyField(string fixture)
    {
        var original = Fixtures.Node(fixture);

        var activity = JsonSerializer.Deserialize<Activity>(original.ToJsonString(), TeamsJson.Options)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, TeamsJson.Options))!;

        AssertSameJson(original, written, "$");
    }

    [Theory]
    [MemberData(nameof(Fixtures.All), MemberType = typeof(Fixtures))]
    public void UnknownFields_AtEveryLevel_SurviveRoundTrip(string fixture)
    {
        var original = Fixtures.Node(fixture);
        var injected = 0;
        Inject(original, ref injected);

        var activity = Activity.FromJson(original.ToJsonString());
        var written = JsonNode.Parse(activity.ToJson())!;

        Assert.True(injected > 3, "the fixture should have nested objects to inject into");
        AssertSameJson(original, written, "$");
    }

    [Fact]
    public void ChannelFixture_KeepsTeamsOnlyChannelDataFields()
    {
        var activity = Fixtures.Activity("06-message-channel.json");

        Assert.Equal("team-id", activity.ChannelData!.Team!.Id);
        Assert.Equal("team-id", activity.ChannelData.Channel!.Id);
        Assert.True(activity.ChannelData.ExtensionData!.ContainsKey("teamsChannelId"));
        Assert.Equal("channel", activity.Conversation!.ConversationType);
        Assert.True(activity.Conversation.IsGroup);
        Assert.True(activity.IsGroupConversation);
    }

    [Fact]
    public void InvokeFixture_ExposesNameAndValue()
    {
        var activity = Fixtures.Activity("04-invoke-adaptiveCard-action-personal.json");

        Assert.True(activity.IsInvoke);
        Assert.Equal(InvokeNames.AdaptiveCardAction, activity.Name);
        Assert.Equal("ack", activity.Value!.Value.GetProperty("action").GetProperty("verb").GetString());
        Assert.Equal("1795371570608", activity.ReplyToId);
    }

    [Fact]
    public void InstallationFixture_ExposesActionAndSelectedChannel()
    {
        var activity = Fixtures.Activity("01-installationUpdate-personal.json");

        Assert.True(activity.IsType(ActivityTypes.InstallationUpdate));
        Assert.Equal(InstallationActions.Add, activity.Action);
        Assert.Equal("d9529c2a-d013-4ec8-98eb-dd30a496b146", activity.ChannelData!.Settings!.SelectedChannel!.Id);
        Assert.Equal("message", activity.ChannelData.Source!.Name);
    }

    [Fact]
    public void MockIds_WithoutTeamsPrefixes_AndNonGuidObjectIds_AreAccepted()
    {
        var activity = Fixtures.Activity("02-conversationUpdate-personal.json");

        Assert.Equal("user-id-0", activity.From!.Id);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", activity.From.AadObjectId);
        Assert.Equal(2, activity.MembersAdded!.Count);
        Assert.Equal(activity.Recipient!.Id, activity.MembersAdded[1].Id);
    }

    [Fact]
    public void MinimalActivity_WithOnlyAType_Parses()
    {
        var activity = Activity.FromJson("""{"type":"typing"}""");

        Assert.Equal("typing", activity.Type);
        Assert.Null(activity.Conversation);
        Assert.Null(activity.TenantId);
        Assert.Equal(string.Empty, activity.GetTextWithoutMentions());
    }

    [Fact]
    public void GarbageTimestamp_IsTreatedAsMissing_NotAsABadActivity()
    {
        var activity = Activity.FromJson("""{"type":"message","timestamp":"yesterday","localTimestamp":42,"text":"hi"}""");

        Assert.Null(activity.Timestamp);
        Assert.Null(activity.LocalTimestamp);
        Assert.Equal("hi", activity.Text);
    }

    [Fact]
    public void Reactions_AndMembersRemoved_AreModelled()
    {
        var activity = Activity.FromJson("""
            {"type":"messageReaction","replyToId":"17","reactionsAdded":[{"type":"like"}],"reactionsRemoved":[{"type":"heart"}],
             "membersRemoved":[{"id":"29:x"}],"channelData":{"eventType":"teamMemberRemoved","meeting":{"id":"m1"},"notification":{"alert":true}}}
            """);

        Assert.Equal("like", activity.ReactionsAdded![0].Type);
        Assert.Equal("heart", activity.ReactionsRemoved![0].Type);
        Assert.Equal("29:x", activity.MembersRemoved![0].Id);
        Assert.Equal("teamMemberRemoved", activity.ChannelData!.EventType);
        Assert.Equal("m1", activity.ChannelData.Meeting!.Id);
        Assert.True(activity.ChannelData.Notification!.Alert);
    }

    [Fact]
    public void Serialization_OmitsNulls_AndUsesCamelCase()
    {
        var json = Activity.CreateMessage("hello").ToJson();

        Assert.Equal("""{"type":"message","text":"hello","textFormat":"plain"}""", json);
    }

    [Fact]
    public void Attachments_KeepArbitraryContent()
    {
        var activity = Activity.FromJson("""
            {"type":"message","attachmentLayout":"carousel","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
             "content":{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x"}]},"name":"card","contentUrl":"https://example.test/a"}]}
            """);

        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal("carousel", activity.AttachmentLayout);
        Assert.Equal("x", attachment.Content!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("card", attachment.Name);
        Assert.Equal("https://example.test/a", attachment.ContentUrl);
    }

    private static void Inject(JsonNode node, ref int count)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).Where(v => v is not null).ToList())
                {
                    Inject(child!, ref count);
                }

                obj["x-unknown-" + count.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["nested"] = new JsonArray(1, "two", true) };
                count++;
                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null).ToList())
                {
                    Inject(item!, ref count);
                }

                break;
        }
    }

    /// <summary>Structural JSON equality; timestamps compare as instants (Z and +00:00 are the same time).</summary>
    private static void AssertSameJson(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject e:
                var a = Assert.IsType<JsonObject>(actual);
                Assert.True(e.Count == a.Count, $"{path}: expected keys [{string.Join(",", e.Select(p => p.Key))}] but got [{string.Join(",", a.Select(p => p.Key))}]");
                foreach (var (key, value) in e)
                {
                    Assert.True(a.ContainsKey(key), $"{path}.{key} was lost");
                    AssertSameJson(value, a[key], $"{path}.{key}");
                }

                break;
            case JsonArray e:
                var arr = Assert.IsType<JsonArray>(actual);
                Assert.Equal(e.Count, arr.Count);
                for (var i = 0; i < e.Count; i++)
                {
                    AssertSameJson(e[i], arr[i], $"{path}[{i}]");
                }

                break;
            default:
                if (expected?.GetValueKind() == JsonValueKind.String && actual?.GetValueKind() == JsonValueKind.String
                    && DateTimeOffset.TryParse(expected.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var et)
                    && DateTimeOffset.TryParse(actual.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    && path.EndsWith("imestamp", StringComparison.Ordinal))
                {
                    Assert.Equal(et, at);
                    Assert.Equal(et.Offset, at.Offset);
                }
                else
                {
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString()} but got {actual?.ToJsonString()}");
                }

                break;
        }
    }
}
