using System.Net;
using System.Text.Json.Nodes;
using SencoHub.Testing;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Tests.Cards;
using static SencoHub.Web.Tests.Library.LibraryTestKit;

namespace SencoHub.Web.Tests.Library;

/// <summary><c>find</c> and the <c>searchLibrary</c> message extension, through <c>/api/messages</c> as Teams sends them.</summary>
public sealed class LibraryBotTests
{
    private static async Task<TeamsApp> StartWithResourcesAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var teams = await TeamsApp.StartAsync(provider);
        await AddResourceAsync(teams.App, Described("Provision map template") with { Category = ResourceCategory.Template, NeedAreas = [NeedArea.CognitionAndLearning] },
            body: "Columns for each intervention, its cost and its impact.");
        await AddResourceAsync(teams.App, Described("Graduated approach guide") with { Summary = "How assessments feed the assess, plan, do, review cycle." });
        await AddResourceAsync(teams.App, Described("Governor briefing on SEND") with { Audiences = [Role.Trustee] });
        return teams;
    }

    private static async Task<JsonObject> ReplyAsync(TeamsApp teams, string conversationId, int count)
    {
        await Eventually.TrueAsync(() => teams.Connector.Received(conversationId).Count >= count, $"reply {count} in {conversationId}");
        return teams.Connector.Received(conversationId)[count - 1].Json;
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? string.Empty;

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_AnswersInPersonalChat_ChannelAndGroupChat_WithWhatTheSenderMaySee(TestProvider provider)
    {
        await using var teams = await StartWithResourcesAsync(provider);
        var senco = DemoTrust.SencoOf(DemoTrust.SchoolIds[0]);
        var personal = TeamsClient.PersonalChatOf(senco);

        Assert.Equal(HttpStatusCode.OK, (await teams.Teams.MessageAsync(senco, "find provision maps")).Status);
        var card = (await ReplyAsync(teams, personal, 1))["attachments"]![0]!["content"]!;
        var text = Text(card);
        Assert.Contains("1 resource for \\u0022provision maps\\u0022", text, StringComparison.Ordinal);
        Assert.Contains("Provision map template", text, StringComparison.Ordinal);
        Assert.Contains("Cognition and learning", text, StringComparison.Ordinal);
        Assert.Contains("/content", text, StringComparison.Ordinal); // the open button

        await teams.Teams.MessageAsync(senco, "find governor");
        var hidden = Text((await ReplyAsync(teams, personal, 2))["attachments"]![0]!["content"]);
        Assert.Contains("Nothing matches", hidden, StringComparison.Ordinal);
        Assert.Contains("Template (1)", hidden, StringComparison.Ordinal); // a filter to try instead
        await teams.Teams.MessageAsync(senco, "find");
        Assert.Equal(ShowLibraryResultsCommand.SayWhat, (string?)(await ReplyAsync(teams, personal, 3))["text"]);

        await teams.Teams.MessageAsync(DemoTrust.Trustee, "find governor");
        Assert.Contains("Governor briefing on SEND", Text(await ReplyAsync(teams, TeamsClient.PersonalChatOf(DemoTrust.Trustee), 1)), StringComparison.Ordinal);

        await teams.Teams.ChannelMessageAsync(senco, "find assessment");
        await Eventually.TrueAsync(() => teams.Connector.Requests.Any(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true
            && r.Body?.Contains("Graduated approach guide", StringComparison.Ordinal) == true), "the channel reply");

        await teams.Teams.GroupChatMessageAsync(senco, "find intervention cost");
        Assert.Contains("Provision map template", Text(await ReplyAsync(teams, TeamsClient.GroupChatId, 1)), StringComparison.Ordinal);

        var cards = CardsTestSupport.SentCards(teams.Connector, [personal, TeamsClient.GroupChatId, TeamsClient.PersonalChatOf(DemoTrust.Trustee)], "find");
        await CardsTestSupport.AssertValidAsync(cards);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheMessageExtension_ListsNewestFirst_SearchesAndPages_ThenInsertsTheChosenCard(TestProvider provider)
    {
        await using var teams = await StartWithResourcesAsync(provider);
        var senco = DemoTrust.SencoOf(DemoTrust.SchoolIds[0]);

        var opened = await teams.Teams.QueryAsync(senco, LibrarySearchExtension.CommandId, "query", null);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        var result = opened.Body!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        var titles = result["attachments"]!.AsArray().Select(a => (string?)a!["preview"]!["content"]!["title"]).ToList();
        Assert.Equal(["Graduated approach guide", "Provision map template"], titles); // newest first, the trustees' briefing left out

        var first = result["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)first["contentType"]);
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)first["preview"]!["contentType"]);
        Assert.Equal("invoke", (string?)first["preview"]!["content"]!["tap"]!["type"]);

        var searched = await teams.Teams.QueryAsync(senco, LibrarySearchExtension.CommandId, "query", "assessments");
        Assert.Equal(["Graduated approach guide"], searched.Body!["composeExtension"]!["attachments"]!.AsArray().Select(a => (string?)a!["preview"]!["content"]!["title"]));

        var page2 = await teams.Teams.QueryAsync(senco, LibrarySearchExtension.CommandId, "query", null, skip: 1, count: 1);
        Assert.Equal(["Provision map template"], page2.Body!["composeExtension"]!["attachments"]!.AsArray().Select(a => (string?)a!["preview"]!["content"]!["title"]));
        var beyond = await teams.Teams.QueryAsync(senco, LibrarySearchExtension.CommandId, "query", null, skip: 2, count: 1);
        Assert.Empty(beyond.Body!["composeExtension"]!["attachments"]!.AsArray());

        var nothing = await teams.Teams.QueryAsync(senco, LibrarySearchExtension.CommandId, "query", "governor");
        Assert.Equal("message", (string?)nothing.Body!["composeExtension"]!["type"]);

        var selected = await teams.Teams.SelectItemAsync(senco, first["preview"]!["content"]!["tap"]!["value"]!.DeepClone());
        var inserted = selected.Body!["composeExtension"]!;
        Assert.Equal("result", (string?)inserted["type"]);
        Assert.Contains("Graduated approach guide", Text(inserted["attachments"]![0]!["content"]), StringComparison.Ordinal);

        var trusteeOnly = (await teams.Teams.QueryAsync(DemoTrust.Trustee, LibrarySearchExtension.CommandId, "query", "governor")).Body!["composeExtension"]!["attachments"]![0]!;
        var refused = await teams.Teams.SelectItemAsync(senco, trusteeOnly["preview"]!["content"]!["tap"]!["value"]!.DeepClone());
        Assert.Equal("message", (string?)refused.Body!["composeExtension"]!["type"]);

        var stranger = await teams.Teams.QueryAsync(new DemoPerson("unknown-person", "Unknown Person", []), LibrarySearchExtension.CommandId, "query", "map");
        Assert.Equal("message", (string?)stranger.Body!["composeExtension"]!["type"]);

        await CardsTestSupport.AssertValidAsync(new Dictionary<string, JsonNode>
        {
            ["extension-result"] = first["content"]!.DeepClone(),
            ["extension-inserted"] = inserted["attachments"]![0]!["content"]!.DeepClone(),
        });
    }
}
