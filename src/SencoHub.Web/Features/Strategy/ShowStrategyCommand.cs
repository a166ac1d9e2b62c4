using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Features.Strategy;

/// <summary><c>strategy</c>: the current strategy card; a headteacher's shows the Acknowledge button or who acknowledged it. In a channel, the channel summary.</summary>
public sealed class ShowStrategyCommand(ReadStrategy read, StrategyCards cards, DirectoryService directory, AcknowledgeStrategy acknowledge) : IBotCommand
{
    public const string NothingPublished = "The trust has not published its SEND strategy in SencoHub yet.";

    public async Task HandleAsync(BotTurn turn, CommandRequest command, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        var current = await read.CurrentAsync(cancellationToken: cancellationToken);
        if (current is null)
        {
            await turn.ReplyAsync(NothingPublished, cancellationToken);
            return;
        }

        var summary = $"Trust SEND strategy, version {current.Number}";
        var schools = person.SchoolsWhere(Role.Headteacher);
        if (turn.Activity.IsGroupConversation || schools.Count == 0)
        {
            await turn.ReplyAsync(turn.Activity.IsGroupConversation ? cards.ForChannel(current) : cards.ForReader(current), cancellationToken, summary);
            return;
        }

        if (await acknowledge.AcknowledgedAtAsync(person, current.Id, cancellationToken) is { } acknowledgedAt)
        {
            await turn.ReplyAsync(cards.Acknowledged(current, person.Name, acknowledgedAt), cancellationToken, summary);
            return;
        }

        var names = (await directory.ListSchoolsAsync(cancellationToken)).Where(s => schools.Contains(s.Id)).Select(s => s.Name).ToList();
        await turn.ReplyAsync(cards.ForHeadteacher(current, names), cancellationToken, summary);
    }
}
