using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// What actions send: cards through the outbox and, when Graph is enabled, activity-feed notifications,
/// all queued in the caller's unit of work. The caller saves.
/// </summary>
public sealed class ActionMessages(SencoHubDb db, Outbox outbox, ActionCards cards, DirectoryService directory, GraphClients graph,
    AppLinks links, TimeProvider clock)
{
    public const string AssignedTopic = "actions.assigned";
    public const string ReminderTopic = "actions.reminder";
    public const string EscalationTopic = "actions.escalation";
    public const string ActionAssigned = "actionAssigned";
    public const string ActionDue = "actionDue";

    /// <summary>Holders of the owner role, by school.</summary>
    public async Task<ILookup<string, RoleHolder>> OwnersAsync(ActionOwnerRole owner, CancellationToken cancellationToken) =>
        (await directory.HoldersOfAsync(owner.ToRole(), cancellationToken)).Where(h => h.SchoolId is not null).ToLookup(h => h.SchoolId!, StringComparer.Ordinal);

    /// <summary>A card (and a feed notification) to every owner of every assigned school; returns the schools with no owner in the directory.</summary>
    public async Task<(int Cards, IReadOnlyList<string> SchoolsWithoutOwner)> QueueAssignedAsync(ActionView action, CancellationToken cancellationToken)
    {
        var owners = await OwnersAsync(action.OwnerRole, cancellationToken);
        var sent = 0;
        var missing = new List<string>();
        foreach (var school in action.Schools)
        {
            if (!owners[school.SchoolId].Any())
            {
                missing.Add(school.SchoolId);
            }

            foreach (var owner in owners[school.SchoolId].DistinctBy(o => o.AadObjectId))
            {
                var key = ActionTracking.Assigned(action.Id, school.SchoolId, owner.AadObjectId);
                var card = cards.ForSchool(action, school, OwnerAudience(action, school));
                if (await outbox.ToPersonAsync(owner.AadObjectId, card.ToMessage($"New SEND action for {school.SchoolName}"), key, AssignedTopic, key, cancellationToken: cancellationToken))
                {
                    sent++;
                }

                await QueueFeedAsync(key + ":feed", owner.AadObjectId, ActionAssigned, $"New action for {school.SchoolName}: {action.Title}", action,
                    [("school", school.SchoolName), ("actionName", action.Title)], cancellationToken);
            }
        }

        return (sent, missing);
    }

    /// <summary>The reminder card (and an "action due" feed notification) to the school's owners; once per person and day.</summary>
    public async Task<int> QueueReminderAsync(ActionView action, AssignmentView school, ReminderKind kind, DateOnly today,
        IEnumerable<RoleHolder> owners, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var owner in owners.DistinctBy(o => o.AadObjectId))
        {
            var key = DailyReminders.Key(ActionTracking.Reminders(action.Id, school.SchoolId), owner.AadObjectId, today);
            var summary = kind == ReminderKind.Overdue ? $"Overdue action for {school.SchoolName}" : $"Action due soon for {school.SchoolName}";
            if (await outbox.RemindOncePerDayAsync(ActionTracking.Reminders(action.Id, school.SchoolId), owner.AadObjectId, today,
                    cards.ForSchool(action, school, OwnerAudience(action, school), kind).ToMessage(summary), ReminderTopic, cancellationToken: cancellationToken))
            {
                sent++;
            }

            var due = UkDates.Format(action.DueOn);
            await QueueFeedAsync(key + ":feed", owner.AadObjectId, ActionDue,
                kind == ReminderKind.Overdue ? $"Overdue: {action.Title} for {school.SchoolName} was due {due}" : $"{action.Title} for {school.SchoolName} is due {due}",
                action, [("actionName", action.Title), ("school", school.SchoolName), ("dueDate", due)], cancellationToken);
        }

        return sent;
    }

    /// <summary>
    /// Replaces the cards people already have for the action (one school's, or all of them), so every
    /// device and the chat history show the current state; <paramref name="revision"/> makes each change's replacement unique.
    /// </summary>
    public async Task RefreshDeliveredAsync(ActionView action, string? schoolId, int revision, string topic, CancellationToken cancellationToken)
    {
        var prefix = schoolId is null ? ActionTracking.OfAction(action.Id) : ActionTracking.OfSchool(action.Id, schoolId);
        var keys = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ReplacesTrackingKey == null && m.TrackingKey != null && m.TrackingKey.StartsWith(prefix))
            .Select(m => m.TrackingKey!).Distinct().ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            if (action.School(ActionTracking.School(key)) is not { } school)
            {
                continue;
            }

            var person = await directory.FindAsync(ActionTracking.Recipient(key), cancellationToken);
            var card = cards.ForSchool(action, school, CardAudience.For(person, action, school));
            // Someone who has not installed the app yet still needs an open action, not a withdrawn or finished one.
            var stillNeeded = action.State == ActionState.Open && school.Status != AssignmentStatus.Done;
            await outbox.ReplaceDeliveredAsync(key, card.ToMessage($"SEND action for {school.SchoolName}"), $"{key}:rev:{revision}", topic,
                stillNeeded ? IfUnreachable.Hold : IfUnreachable.Skip, cancellationToken);
        }
    }

    private static CardAudience OwnerAudience(ActionView action, AssignmentView school) =>
        action.State == ActionState.Withdrawn ? CardAudience.ReadOnly : new CardAudience(!school.Acknowledged, CanUpdate: true);

    private async Task QueueFeedAsync(string key, string recipient, string activityType, string preview, ActionView action,
        IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        if (!graph.IsEnabled || await db.Set<ActivityFeedNotification>().AnyAsync(n => n.IdempotencyKey == key, cancellationToken)
            || db.Set<ActivityFeedNotification>().Local.Any(n => n.IdempotencyKey == key))
        {
            return;
        }

        var json = JsonSerializer.Serialize(parameters.Select(p => new { name = p.Name, value = p.Value }));
        db.Add(new ActivityFeedNotification(key, recipient, activityType, ActionCards.Shorten(preview, 149),
            links.Tab("actions", $"/actions/{action.Id}"), json, clock.GetUtcNow()));
    }
}
