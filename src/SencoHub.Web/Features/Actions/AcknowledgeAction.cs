using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

/// <param name="Recorded">False when the acknowledgement was already there (a double press, a retry, a race lost).</param>
public sealed record ActionAcknowledged(ActionView Action, AssignmentView School, bool Recorded);

/// <summary>
/// The school's owner (headteacher or SENCO, as the action says) acknowledges it. Recorded once per
/// school whatever the presses: a unique index settles races, and the loser reads what the winner wrote.
/// </summary>
public sealed class AcknowledgeAction(SencoHubDb db, ReadActions read, ActionMessages messages, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<ActionAcknowledged> AcknowledgeAsync(SignedInPerson person, int actionId, string schoolId, CancellationToken cancellationToken = default)
    {
        ActionItem.EnsureBelongsTo(person, schoolId);
        for (var attempt = 1; ; attempt++)
        {
            var action = await read.LoadForChangeAsync(actionId, cancellationToken) ?? throw ProblemException.NotFound("The action");
            var recorded = action.AssignmentFor(schoolId).Acknowledgement is null;
            action.Acknowledge(schoolId, person, clock.GetUtcNow());
            var view = await read.ViewOfAsync(action, cancellationToken);
            if (!recorded)
            {
                return new ActionAcknowledged(view, view.School(schoolId)!, Recorded: false);
            }

            await messages.RefreshDeliveredAsync(view, schoolId, action.Revision, "actions.acknowledged", cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ActionAcknowledged(view, view.School(schoolId)!, Recorded: true);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation()))
            {
                // Another press (or another change to the action) won: look again at what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }
}
