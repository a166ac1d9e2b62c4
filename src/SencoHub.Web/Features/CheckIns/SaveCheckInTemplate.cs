using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// The SEND lead changes the survey: the whole definition is checked and saved as the next version.
/// Rounds already open keep the version their cards were built from.
/// </summary>
public sealed class SaveCheckInTemplate(SencoHubDb db, TimeProvider clock)
{
    /// <param name="basedOnVersion">The version the editor started from; a newer one saved meanwhile is a conflict.</param>
    public async Task<CheckInTemplate> SaveAsync(SurveyDefinition? definition, int? basedOnVersion, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        if (!person.IsSendLead)
        {
            throw ProblemException.Forbidden("Only the SEND lead changes the check-in template.");
        }

        var clean = SurveyDefinition.Check(definition, out var errors);
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        var current = await db.CurrentCheckInTemplateAsync(cancellationToken);
        if (basedOnVersion is { } basedOn && current is not null && basedOn != current.Version)
        {
            throw ProblemException.Conflict($"The template was changed (now version {current.Version}) since you started from version {basedOn}. Reload it and make your change again.");
        }

        var next = CheckInTemplate.Next(current, clean, person.Name, clock.GetUtcNow());
        db.Add(next);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw ProblemException.Conflict("Someone else saved the template at the same moment. Reload it and make your change again.");
        }

        return next;
    }
}
