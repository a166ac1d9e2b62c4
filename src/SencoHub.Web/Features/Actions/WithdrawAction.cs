using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>
/// The SEND lead withdraws an action: it stays on record, chasing stops, and the cards schools already
/// have say it was withdrawn (and lose their buttons).
/// </summary>
public sealed class WithdrawAction(SencoHubDb db, ReadActions read, ActionMessages messages, TimeProvider clock)
{
    public async Task<ActionView> WithdrawAsync(int actionId, WithdrawRequest? request, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        if (!by.IsSendLead)
        {
            throw ProblemException.Forbidden(ActionRules.OnlySendLead);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reason = TypedText.Line(errors, "reason", request?.Reason, ActionLimits.ReasonLength, null);
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var action = await read.LoadForChangeAsync(actionId, cancellationToken) ?? throw ProblemException.NotFound("The action");
        action.Withdraw(by, reason, clock.GetUtcNow());
        var view = await read.ViewOfAsync(action, cancellationToken);
        await messages.RefreshDeliveredAsync(view, schoolId: null, action.Revision, "actions.withdrawn", cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("The action changed a moment ago (a school updated it, or it was withdrawn); reload and try again.");
        }

        return view;
    }
}
