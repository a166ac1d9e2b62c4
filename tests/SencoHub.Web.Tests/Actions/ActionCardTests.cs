using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Testing;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Platform.Review;
using static SencoHub.Web.Tests.Actions.ActionsTestKit;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Actions;

/// <summary>Every card the action tracker sends, from real flows with the longest text allowed, checked by the official renderer library.</summary>
public sealed class ActionCardTests
{
    // Markdown, mention and template syntax people might type: all must arrive escaped.
    private const string Awkward = "*Bold?* _x_ [link](https://evil.example) <at>Priya</at> {{DATE(2026-11-23)}} # 1. - ";

    private static string Fill(string prefix, int length)
    {
        var text = new StringBuilder(prefix);
        while (text.Length < length)
        {
            text.Append(Awkward);
        }

        return text.ToString(0, length).TrimEnd();
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static JsonObject LastCard(TeamsApp teams, string conversation, string containing) =>
        Card(teams.Connector.Messages(conversation).Last(m => m.Json.ToJsonString().Contains(containing, StringComparison.Ordinal)).Json);

    [SkippableFact]
    public async Task EveryActionCard_PassesValidation_StaysUnder40KB_AndEscapesWhatPeopleTyped()
    {
        var validator = CardValidator.TryCreate(out var reason);
        if (validator is null)
        {
            Assert.False(CardValidator.ToolsRequired, reason);
            Skip.If(true, reason);
        }

        await using var teams = await TeamsApp.StartAsync(configure: app => app.Setting("SencoHub:Scheduling:Enabled", "false").Setting("SencoHub:Actions:EscalateAfterSchoolDays", "1"));
        var head = DemoTrust.HeadteacherOf("nb-oak");
        var senco = DemoTrust.SencoOf("nb-oak");
        await teams.InstallForAsync([head, DemoTrust.SendLead]);
        await teams.Teams.InstallInTeamAsync(DemoTrust.SendLead);
        var title = Fill("Action ", ActionLimits.TitleLength);
        var detail = Fill("Detail ", ActionLimits.DetailLength);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAsync(teams.App, Body(title: $"{i} {title}"[..ActionLimits.TitleLength], detail: detail, dueOn: "2026-11-25", schools: JsonValue.Create("all"))));
        }

        var id = ids[0];
        var cards = new Dictionary<string, JsonNode> { ["assigned"] = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head)) };
        cards["acknowledged-invoke"] = JsonNode.Parse((await AcknowledgeAsync(teams, head, id, "nb-oak")).CardText)!;
        for (var i = 0; i < 3; i++)
        {
            teams.App.Clock.Advance(TimeSpan.FromMinutes(1));
            await UpdateAsync(teams, i % 2 == 0 ? senco : head, id, "nb-oak", i == 2 ? "Blocked" : "InProgress", Fill($"Note {i} ", ActionLimits.NoteLength),
                "https://example.org/" + Fill("e", ActionLimits.EvidenceUrlLength - 30).Replace(" ", "-", StringComparison.Ordinal).Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal)
                    .Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal).Replace("|", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal));
        }

        var updated = await UpdateAsync(teams, head, id, "nb-oak", "InProgress", Fill("Latest ", ActionLimits.NoteLength));
        Assert.Equal("application/vnd.microsoft.card.adaptive", updated.Type);
        cards["updated-invoke"] = JsonNode.Parse(updated.CardText)!;
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(m => m.Method == "PUT" && m.Json.ToJsonString().Contains("Latest ", StringComparison.Ordinal)), "the delivered card updated");
        cards["updated-delivered"] = LastCard(teams, TeamsClient.PersonalChatOf(head), "Latest ");

        await RunChaseAsync(teams.App, London(2026, 11, 24, 9));
        await RunChaseAsync(teams.App, London(2026, 11, 26, 9));
        cards["due-soon"] = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head), "Reminder: this is due");
        cards["overdue"] = await ActionCardAsync(teams, TeamsClient.PersonalChatOf(head), "Overdue: this was due");
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(DemoTrust.SendLead)).Any(m => m.Json.ToJsonString().Contains("are escalated to you", StringComparison.Ordinal)), "the digest");
        cards["escalation-digest"] = LastCard(teams, TeamsClient.PersonalChatOf(DemoTrust.SendLead), "are escalated to you");
        Assert.Contains($"And {(3 * DemoTrust.SchoolIds.Count) - 10} more", cards["escalation-digest"].ToJsonString(), StringComparison.Ordinal);

        // The "actions" command: compact cards, several in one message; and the summary in a channel.
        await teams.Teams.MessageAsync(head, "actions");
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(m => m.ReplyToId is not null && m.Json["attachments"]?.AsArray().Count == 3), "the reply");
        var reply = teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Last(m => m.ReplyToId is not null);
        Assert.True(Encoding.UTF8.GetByteCount(reply.Json.ToJsonString()) < 80 * 1024, $"the reply is {Encoding.UTF8.GetByteCount(reply.Json.ToJsonString())} bytes");
        for (var i = 0; i < 3; i++)
        {
            cards[$"command-{i}"] = reply.Json["attachments"]![i]!["content"]!.DeepClone();
        }

        await teams.Teams.ChannelMessageAsync(DemoTrust.SendLead, "actions");
        await Eventually.TrueAsync(() => teams.Connector.Requests.Any(r => r.ConversationId?.StartsWith(TeamsClient.TeamId + ";", StringComparison.Ordinal) == true
            && r.Body?.Contains("Open actions across the trust", StringComparison.Ordinal) == true), "the channel summary");
        cards["channel-summary"] = Card(JsonNode.Parse(teams.Connector.Requests.Last(r => r.Body?.Contains("Open actions across the trust", StringComparison.Ordinal) == true).Body!)!.AsObject());

        using var lead = await teams.App.ClientForAsync(DemoTrust.SendLead.AadObjectId);
        (await lead.PostAsJsonAsync($"/api/actions/{id}/withdraw", new { reason = Fill("Reason ", ActionLimits.ReasonLength) })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => teams.Connector.Messages(TeamsClient.PersonalChatOf(head)).Any(m => m.Json.ToJsonString().Contains("Withdrawn by", StringComparison.Ordinal)), "the withdrawn card");
        cards["withdrawn"] = LastCard(teams, TeamsClient.PersonalChatOf(head), "Withdrawn by");

        var result = await validator!.ValidateAsync(cards);

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains($"{cards.Count} card(s), 0 with problems", result.Output, StringComparison.Ordinal);
        foreach (var (name, card) in cards)
        {
            Assert.True(CardSize.Utf8Bytes(card) < AdaptiveCard.RecommendedMaxBytes, $"{name} is {CardSize.Utf8Bytes(card)} bytes");
            foreach (var text in Strings(card))
            {
                Assert.DoesNotContain("<at>", text, StringComparison.Ordinal); // no accidental mention
                Assert.DoesNotContain("{{DATE", text, StringComparison.Ordinal); // no template function
                Assert.DoesNotContain("[link](https://evil.example)", text, StringComparison.Ordinal); // no live link
            }
        }
    }

    [Fact]
    public async Task EvenTheWorstText_EveryCharacterEscaped_KeepsTheCardsUnder40KB_AndTheActionsReplyUnder80KB()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var cards = app.Services.GetRequiredService<ActionCards>();
        var worst = (int length) => new string('<', length);
        var updates = Enumerable.Range(0, 3).Select(i => new UpdateView(i, worst(ActionLimits.PersonNameLength), DateTimeOffset.UtcNow, AssignmentStatus.Blocked,
            worst(ActionLimits.NoteLength), "https://example.org/" + new string('x', ActionLimits.EvidenceUrlLength - 20))).ToList();
        var school = new AssignmentView("nb-oak", worst(200), AssignmentStatus.Blocked, true, worst(ActionLimits.PersonNameLength), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, updates[0], updates);
        var action = new ActionView(1, worst(ActionLimits.TitleLength), worst(ActionLimits.DetailLength), ActionPriority.High, ReviewArea.Leadership, "Leadership",
            new LinkedPriority(1, worst(ActionLimits.TitleLength)), new DateOnly(2027, 1, 29), ActionOwnerRole.Headteacher, ActionState.Open,
            worst(ActionLimits.PersonNameLength), DateTimeOffset.UtcNow, null, null, null, null, [school]);

        var full = cards.ForSchool(action, school, new CardAudience(true, true), ReminderKind.Overdue);
        var compact = cards.ForSchool(action, school, new CardAudience(true, true), compact: true);
        var digest = cards.Escalations([.. Enumerable.Range(0, 40).Select(_ => new EscalationLine(action, school, 12))], 5, 10);

        Assert.True(full.GetSizeInBytes() < AdaptiveCard.RecommendedMaxBytes, $"full card {full.GetSizeInBytes()} bytes");
        Assert.True(compact.GetSizeInBytes() < full.GetSizeInBytes() / 2, $"compact card {compact.GetSizeInBytes()} bytes");
        Assert.True(digest.GetSizeInBytes() < AdaptiveCard.RecommendedMaxBytes, $"digest {digest.GetSizeInBytes()} bytes");
    }
}
