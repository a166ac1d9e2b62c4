using SencoHub.Teams.Activities;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// <c>actions</c>: for a headteacher or SENCO, their schools' open actions, most urgent first, one card each
/// with its buttons; for the SEND lead, trustees and staff (and in any chat or channel) a summary without buttons.
/// </summary>
public sealed class ShowActionsCommand(ReadActions read, ActionCards cards) : IBotCommand
{
    public async Task HandleAsync(BotTurn turn, CommandRequest command, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        var open = await read.ListAsync(person, new ActionFilter(State: ActionState.Open), cancellationToken);
        var schools = person.Roles.Where(r => r.Role is Role.Headteacher or Role.Senco && r.SchoolId is not null).Select(r => r.SchoolId!).ToHashSet(StringComparer.Ordinal);
        if (turn.Activity.IsGroupConversation || schools.Count == 0)
        {
            var heading = person.HasTrustWideRead ? "Open actions across the trust" : "Your school's open actions";
            await turn.ReplyAsync(cards.Summary(heading, open, ActionLimits.ActionsInReply), cancellationToken, "SEND actions");
            return;
        }

        var mine = open.SelectMany(a => a.Schools.Where(s => schools.Contains(s.SchoolId) && s.Status != AssignmentStatus.Done).Select(s => (Action: a, School: s)))
            .OrderByDescending(p => p.School.Overdue).ThenBy(p => p.Action.DueOn).ThenBy(p => p.Action.Priority).ThenBy(p => p.Action.Id)
            .ToList();
        if (mine.Count == 0)
        {
            await turn.ReplyAsync("You have no open actions: nothing is waiting for your school. New ones arrive here as a card.", cancellationToken);
            return;
        }

        // Compact cards, as many of the most urgent as fit one message (Teams refuses one over ~100 KB).
        var attachments = new List<Attachment>();
        var bytes = 0;
        foreach (var (action, school) in mine.Take(ActionLimits.ActionsInReply))
        {
            var card = cards.ForSchool(action, school, CardAudience.For(person, action, school), compact: true);
            bytes += card.GetSizeInBytes();
            if (attachments.Count > 0 && bytes > ActionLimits.ReplyBudgetBytes)
            {
                break;
            }

            attachments.Add(card.ToAttachment());
        }

        var text = mine.Count > attachments.Count
            ? $"Your {attachments.Count} most urgent of {mine.Count} open actions; the rest are in the Actions tab."
            : mine.Count == 1 ? "Your open action:" : $"Your {mine.Count} open actions, most urgent first:";
        var reply = Activity.CreateMessage(text);
        reply.Summary = text;
        reply.Attachments = attachments;
        await turn.Context.ReplyAsync(reply, cancellationToken);
    }
}
