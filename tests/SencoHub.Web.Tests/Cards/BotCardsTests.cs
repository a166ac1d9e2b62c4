using System.Text.Json.Nodes;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Cards;

public sealed class BotCardsTests
{
    [SkippableFact]
    public async Task EveryCardTheBotSends_PassesTheOfficialValidator_AndIsUnder40KB()
    {
        await using var teams = await TeamsApp.StartAsync();
        var people = new[] { DemoTrust.SendLead, DemoTrust.SencoOfTwoSchools, DemoTrust.Trustee, DemoTrust.StaffOf("nb-oak") };
        var stranger = new DemoPerson("unknown-person", "Unknown Person", []);
        foreach (var person in people)
        {
            await teams.Teams.InstallPersonalAsync(person);
            await teams.Teams.MessageAsync(person, "help");
            await teams.Teams.MessageAsync(person, "something odd");
        }

        await teams.Teams.InstallPersonalAsync(stranger);
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        var conversations = people.Append(stranger).Select(TeamsClient.PersonalChatOf).Append(TeamsClient.TeamId).ToList();
        await Eventually.TrueAsync(() => people.All(p => teams.Connector.Received(TeamsClient.PersonalChatOf(p)).Count == 3), "every reply");

        var cards = CardsTestSupport.SentCards(teams.Connector, conversations, "bot");
        var invoke = await teams.Teams.ExecuteAsync(DemoTrust.SendLead, "bot.commands", null);
        cards["bot-show-commands-invoke"] = JsonNode.Parse(invoke.CardText)!;

        // Welcome, help and "not understood" per person, the channel welcome and the invoke answer.
        Assert.Equal((people.Length * 3) + 2, cards.Count);
        await CardsTestSupport.AssertValidAsync(cards);
    }
}
