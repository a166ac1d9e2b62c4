using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <param name="SchoolsWithoutOwner">Assigned schools with nobody in the owner role in the directory: no card went there.</param>
public sealed record CreatedAction(int Id, int Schools, int CardsQueued, IReadOnlyList<string> SchoolsWithoutOwner);

/// <summary>
/// The SEND lead sets an action for one school, several or all. The action and the cards to each
/// school's owner are saved in one transaction, so either everyone is told or nothing happened.
/// </summary>
public sealed class CreateAction(
    SencoHubDb db, DirectoryService directory, CalendarService calendar, StrategyPriorities priorities, ReadActions read, ActionMessages messages, TimeProvider clock)
{
    public async Task<CreatedAction> CreateAsync(CreateActionRequest? request, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        if (!by.IsSendLead)
        {
            throw ProblemException.Forbidden(ActionRules.OnlySendLead);
        }

        if (request is null)
        {
            throw ProblemException.Invalid("body", "Send the action as JSON: { title, detail, priorityId, reviewArea, priority, dueOn, ownerRole, schools }.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var checkedFields = ActionContent.Check(request, (await calendar.LoadAsync(cancellationToken)).LocalDate(now), errors);
        var schoolIds = await SchoolsAsync(request, errors, cancellationToken);
        StrategyPriorityInfo? linked = null;
        if (request.PriorityId is { } priorityId)
        {
            linked = await priorities.FindAsync(priorityId, cancellationToken);
            if (linked is null)
            {
                errors["priorityId"] = [$"There is no published strategy priority with id {priorityId}. Leave it out, or choose one of the current strategy's priorities."];
            }
            else if (!linked.IsCurrent)
            {
                errors["priorityId"] = [$"That priority belongs to version {linked.VersionNumber} of the strategy, which has been superseded. Link a priority of the current strategy."];
            }
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var content = new ActionContent(checkedFields.Title, checkedFields.Detail, linked, checkedFields.Area ?? linked!.ReviewArea,
            checkedFields.Priority, checkedFields.DueOn, checkedFields.Owner);
        var action = ActionItem.Create(content, schoolIds, by, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(action);
        // The cards carry the action's id, so it is saved first; the transaction keeps the two saves as one.
        await db.SaveChangesAsync(cancellationToken);
        var view = await read.ViewOfAsync(action, cancellationToken);
        var (cards, withoutOwner) = await messages.QueueAssignedAsync(view, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedAction(action.Id, schoolIds.Count, cards, withoutOwner);
    }

    private async Task<IReadOnlyList<string>> SchoolsAsync(CreateActionRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var (all, ids) = ActionContent.Schools(request.Schools, errors);
        var known = (await directory.ListSchoolsAsync(cancellationToken)).Select(s => s.Id).ToList();
        if (all)
        {
            if (known.Count == 0)
            {
                errors["schools"] = ["The trust directory has no schools yet."];
            }

            return known;
        }

        var unknown = ids.Where(id => !known.Contains(id, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors["schools"] = [$"Not schools of this trust: {string.Join(", ", unknown.Take(5).Select(u => $"\"{TypedText.Shorten(u)}\""))}{(unknown.Count > 5 ? " …" : string.Empty)}. Use the school ids from the directory."];
        }

        return ids;
    }
}
