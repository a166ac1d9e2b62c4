using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

public sealed record CreatedDraft(int Id, int Number);

/// <summary>The SEND lead starts the next version. One draft at a time, so version numbers follow publishing order.</summary>
public sealed class CreateStrategyDraft(SencoHubDb db, TimeProvider clock)
{
    public async Task<CreatedDraft> CreateAsync(StrategyDraftRequest? request, SignedInPerson by, CancellationToken cancellationToken = default)
    {
        StrategyAccess.EnsureSendLead(by);
        var content = StrategyContent.From(request);
        var versions = db.Set<StrategyVersion>();
        if (await versions.AsNoTracking().Where(v => v.State == StrategyState.Draft).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(cancellationToken) is { } open)
        {
            throw ProblemException.Conflict($"Version {open.Number} is already being drafted (id {open.Id}); edit it with PUT /api/strategy/versions/{open.Id}, or publish it, before starting another.");
        }

        var current = await versions.AsNoTracking().Include(v => v.Priorities)
            .FirstOrDefaultAsync(v => v.State == StrategyState.Published, cancellationToken);
        content = content.WithKeys([.. current?.Priorities.Select(p => p.ToContent()) ?? []]);
        var number = (await versions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var draft = StrategyVersion.CreateDraft(number, content, by, clock.GetUtcNow());
        db.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another draft took this number a moment ago.
            throw ProblemException.Conflict("Another version was started at the same moment; reload and edit that draft instead.");
        }

        return new CreatedDraft(draft.Id, draft.Number);
    }
}
