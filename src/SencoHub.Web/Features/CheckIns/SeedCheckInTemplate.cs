using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>On first start, saves the default survey as version 1 so rounds can open without set-up.</summary>
public sealed class SeedCheckInTemplate(SencoHubDb db, TimeProvider clock) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<CheckInTemplate>().AnyAsync(cancellationToken))
        {
            return;
        }

        var definition = SurveyDefinition.Check(DefaultTemplate.Create(), out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The default check-in template is invalid: " + string.Join(" ", errors.Keys));
        }

        db.Add(CheckInTemplate.Next(null, definition, "SencoHub (default template)", clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance may have seeded it first; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Set<CheckInTemplate>().AnyAsync(cancellationToken))
            {
                throw;
            }
        }
    }
}
