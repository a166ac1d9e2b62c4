using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

/// <param name="Update">The entry recorded, or the identical one already there (<see cref="Recorded"/> false).</param>
public sealed record ProgressRecorded(ActionView Action, AssignmentView School, UpdateView Update, bool Recorded);

/// <summary>
/// A school's headteacher or SENCO records progress: a status, a note and an optional https evidence link,
/// appended to the school's log. A repeat of the latest entry (double press, retried request) records nothing.
/// </summary>
public sealed class UpdateActionProgress(SencoHubDb db, ReadActions read, ActionMessages messages, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<ProgressRecorded> RecordAsync(SignedInPerson person, int actionId, string schoolId, ProgressRequest? request,
        CancellationToken cancellationToken = default)
    {
        // Before anything is looked up, so the answer says nothing about the action or the school's part
        // in it, and before reading the body, so someone who may not update learns that first.
        ActionItem.EnsureBelongsTo(person, schoolId);
        if (!person.HoldsAny(schoolId, Role.Headteacher, Role.Senco))
        {
            throw ProblemException.Forbidden(ActionRules.CannotUpdate);
        }

        for (var attempt = 1; ; attempt++)
        {
            var action = await read.LoadForChangeAsync(actionId, cancellationToken) ?? throw ProblemException.NotFound("The action");
            var assignment = action.AssignmentFor(schoolId);
            var progress = ProgressContent.From(request, assignment.Status);
            var update = action.RecordUpdate(schoolId, person, progress, clock.GetUtcNow());
            var view = await read.ViewOfAsync(action, cancellationToken);
            var school = view.School(schoolId)!;
            if (update is null)
            {
                return new ProgressRecorded(view, school, school.LatestUpdate!, Recorded: false);
            }

            await messages.RefreshDeliveredAsync(view, schoolId, action.Revision, "actions.updated", cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                var saved = (await read.ViewOfAsync(action, cancellationToken)).School(schoolId)!;
                return new ProgressRecorded(view, saved, saved.LatestUpdate!, Recorded: true);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation()))
            {
                // A second press racing this one, or another school's update to the same action: look again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
