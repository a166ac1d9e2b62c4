using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;

namespace SencoHub.Web.Features.CheckIns;

public sealed record ReminderOutcome(int Queued, int AlreadyRemindedThatDay, int SchoolsOutstanding, DateTimeOffset? SendsAt);

/// <summary>
/// Reminds the SENCOs of every school that has not answered a round: at most one reminder per SENCO
/// per school per day, whether the schedule or the SEND lead's "nudge now" asks first.
/// </summary>
public sealed class RemindCheckIns(SencoHubDb db, DirectoryService directory, Outbox outbox, ILogger<RemindCheckIns> logger)
{
    /// <param name="day">The trust-local day the reminder is for (part of its idempotency key).</param>
    /// <param name="notBefore">When to deliver; null for now.</param>
    public async Task<ReminderOutcome> RemindAsync(CheckInRound round, DateOnly day, DateTimeOffset? notBefore, CancellationToken cancellationToken = default)
    {
        var answered = await db.Set<CheckInResponse>().Where(r => r.RoundId == round.Id).Select(r => r.SchoolId).ToListAsync(cancellationToken);
        var outstanding = round.SchoolIds.Except(answered, StringComparer.Ordinal).ToList();
        var sencos = (await directory.HoldersOfAsync(Role.Senco, cancellationToken)).ToLookup(h => h.SchoolId);
        var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        int queued = 0, already = 0;
        foreach (var school in outstanding)
        {
            var context = new CheckInCardContext(round.Id, round.DisplayName, round.ClosesOn, school, names.GetValueOrDefault(school, school), round.Template.Definition);
            var card = CheckInCards.Reminder(context, closesToday: day == round.ClosesOn);
            foreach (var senco in sencos[school])
            {
                var added = await outbox.ToPersonAsync(senco.AadObjectId, card.ToMessage($"Reminder: SEND check-in for {context.SchoolName}"),
                    idempotencyKey: $"checkins:{round.Id}:reminder:{school}:{senco.AadObjectId}:{day:yyyy-MM-dd}", topic: "checkins.reminder",
                    notBefore: notBefore, ifUnreachable: IfUnreachable.Skip, cancellationToken: cancellationToken);
                (queued, already) = added ? (queued + 1, already) : (queued, already + 1);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        CheckInsLog.RemindersQueued(logger, round.Id, queued, already);
        return new ReminderOutcome(queued, already, outstanding.Count, notBefore);
    }
}
