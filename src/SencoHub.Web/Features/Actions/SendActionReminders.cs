using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Scheduling;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The school-day morning chase, for each school part not done of each open action: a due-soon reminder
/// N school days before the due date, an overdue reminder on the first school day after it and then every
/// M school days, and after K school days overdue a place in the SEND lead's one digest card. At most one
/// reminder per owner per day (<see cref="DailyReminders"/>); <see cref="ActionReminder"/> keeps what was
/// chased when, to space them, so repeated runs and instances chase once.
/// </summary>
public sealed partial class SendActionReminders(
    SencoHubDb db, ReadActions read, ActionMessages messages, ActionCards cards, CalendarService calendar, DirectoryService directory,
    Outbox outbox, IOptions<ActionOptions> options, ILogger<SendActionReminders> logger) : IScheduledJob
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await calendar.SchoolDayMorningAsync(now, cancellationToken) is not (var terms, var today))
        {
            return;
        }

        var actions = await read.OpenAsync(today, cancellationToken);
        if (actions.Count == 0)
        {
            return;
        }

        var ids = actions.Select(a => a.Id).ToList();
        var history = (await db.Set<ActionReminder>().AsNoTracking().Where(r => ids.Contains(r.ActionId)).ToListAsync(cancellationToken))
            .ToLookup(r => (r.ActionId, r.SchoolId));
        var owners = new Dictionary<ActionOwnerRole, ILookup<string, RoleHolder>>();
        var rules = options.Value;
        int dueSoon = 0, overdue = 0;
        var escalations = new List<EscalationLine>();
        var escalatedEarlier = 0;
        foreach (var action in actions)
        {
            if (!owners.TryGetValue(action.OwnerRole, out var byRole))
            {
                owners[action.OwnerRole] = byRole = await messages.OwnersAsync(action.OwnerRole, cancellationToken);
            }

            foreach (var school in action.Schools.Where(s => s.Status != AssignmentStatus.Done))
            {
                var done = history[(action.Id, school.SchoolId)].ToList();
                var kind = Reminder(action, school, done, today, terms, rules, terms.LocalDate(action.CreatedAt));
                if (kind is { } reminder)
                {
                    await messages.QueueReminderAsync(action, school, reminder, today, byRole[school.SchoolId], cancellationToken);
                    if (reminder == ReminderKind.DueSoon)
                    {
                        db.Add(new ActionReminder(action.Id, school.SchoolId, ChaseKind.DueSoon, today, now));
                        dueSoon++;
                    }
                    else
                    {
                        db.Add(new ActionReminder(action.Id, school.SchoolId, ChaseKind.Overdue, today, now));
                        overdue++;
                    }
                }

                if (school.Overdue)
                {
                    var late = terms.SchoolDaysBetween(action.DueOn, today);
                    if (done.Any(r => r.Kind == ChaseKind.Escalated))
                    {
                        escalatedEarlier++;
                    }
                    else if (late >= rules.EscalateAfterSchoolDays)
                    {
                        escalations.Add(new EscalationLine(action, school, late));
                        db.Add(new ActionReminder(action.Id, school.SchoolId, ChaseKind.Escalated, today, now));
                    }
                }
            }
        }

        if (escalations.Count > 0)
        {
            var digest = cards.Escalations([.. escalations.OrderByDescending(e => e.SchoolDaysOverdue)], escalatedEarlier, rules.EscalateAfterSchoolDays);
            foreach (var lead in (await directory.HoldersOfAsync(Role.SendLead, cancellationToken)).DistinctBy(l => l.AadObjectId))
            {
                var key = $"actions:escalations:{today:yyyy-MM-dd}:{lead.AadObjectId}";
                await outbox.ToPersonAsync(lead.AadObjectId, digest.ToMessage("Overdue SEND actions escalated to you"), key, ActionMessages.EscalationTopic, key,
                    cancellationToken: cancellationToken);
            }
        }

        if (dueSoon + overdue + escalations.Count == 0)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance chased this morning already.
            db.ChangeTracker.Clear();
            return;
        }

        LogChased(logger, dueSoon, overdue, escalations.Count);
    }

    /// <summary>The reminder this school part is owed today, if any.</summary>
    private static ReminderKind? Reminder(ActionView action, AssignmentView school, IReadOnlyList<ActionReminder> done, DateOnly today,
        TermCalendar terms, ActionOptions rules, DateOnly created)
    {
        // Once a day at most is DailyReminders' rule (in ActionMessages); the history only spaces reminders.
        if (today <= action.DueOn)
        {
            // Not on the day it was set: the card that announced it is reminder enough.
            return created < today && terms.SchoolDaysBetween(today, action.DueOn) <= rules.DueSoonSchoolDays && done.All(r => r.Kind != ChaseKind.DueSoon)
                ? ReminderKind.DueSoon
                : null;
        }

        var last = done.Where(r => r.Kind == ChaseKind.Overdue).Select(r => (DateOnly?)r.On).Max();
        return last is null || terms.SchoolDaysBetween(last.Value, today) >= rules.OverdueEverySchoolDays ? ReminderKind.Overdue : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chased actions: {DueSoon} due-soon and {Overdue} overdue reminder(s), {Escalated} escalation(s)")]
    private static partial void LogChased(ILogger logger, int dueSoon, int overdue, int escalated);
}
