using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <summary>The SEND lead rewrites a draft. A published version is never edited (409): a new version supersedes it.</summary>
public sealed class EditStrategyDraft(SencoHubDb db, TimeProvider clock)
{
    public async Task EditAsync(int id, StrategyDraftRequest? request, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        StrategyAccess.EnsureSendLead(by);
        var versions = db.Set<StrategyVersion>();
        var draft = await versions.Include(v => v.Priorities).FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("The strategy version");
        // Before validating: a published version is 409 whatever the body says.
        draft.EnsureEditable();
        var content = StrategyContent.From(request);
        var current = await versions.AsNoTracking().Include(v => v.Priorities)
            .FirstOrDefaultAsync(v => v.State == StrategyState.Published, cancellationToken);
        content = content.WithKeys([.. draft.Priorities.Select(p => p.ToContent()), .. current?.Priorities.Select(p => p.ToContent()) ?? []]);
        draft.Edit(content, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict($"Version {draft.Number} was changed or published by someone else a moment ago; reload it and try again.");
        }
    }
}
