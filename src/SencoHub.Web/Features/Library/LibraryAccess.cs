using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>Who may do what in the library; checked on the server for every request, whatever the page showed.</summary>
public sealed class LibraryAccess(SencoHubDb db)
{
    public async Task<LibrarySettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<LibrarySettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == LibrarySettings.SingletonId, cancellationToken) ?? new LibrarySettings();

    /// <summary>SENCOs may always contribute; staff and headteachers when the SEND lead allows it; the SEND lead publishes directly.</summary>
    public static bool MayContribute(SignedInPerson person, LibrarySettings settings)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(settings);
        return person.IsSendLead || person.Roles.Any(r => r.Role == Role.Senco)
            || (settings.StaffMayContribute && person.Roles.Any(r => r.Role is Role.Staff or Role.Headteacher));
    }

    public async Task EnsureMayContributeAsync(SignedInPerson person, CancellationToken cancellationToken)
    {
        if (!MayContribute(person, await SettingsAsync(cancellationToken)))
        {
            throw ProblemException.Forbidden(person.Roles.Any(r => r.Role is Role.Staff or Role.Headteacher)
                ? "Only SENCOs can contribute to the library at the moment; the SEND lead can let staff contribute too."
                : "Your role cannot contribute to the library.");
        }
    }

    public static void EnsureSendLead(SignedInPerson person, string what)
    {
        if (!person.IsSendLead)
        {
            throw ProblemException.Forbidden($"Only the SEND lead can {what}.");
        }
    }

    public static bool MaySee(LibraryResource resource, SignedInPerson person) =>
        LibraryResource.IsVisibleTo(resource.AudienceBits, person.Roles.Select(r => r.Role));

    /// <summary>The SEND lead sees every contribution; anyone else only their own.</summary>
    public static bool MaySee(LibraryContribution contribution, SignedInPerson person) =>
        person.IsSendLead || contribution.ContributorPersonId == person.PersonId;

    public async Task<LibrarySettings> SaveSettingsAsync(bool staffMayContribute, SignedInPerson by, CancellationToken cancellationToken)
    {
        EnsureSendLead(by, "change who may contribute");
        var settings = await db.Set<LibrarySettings>().FirstOrDefaultAsync(s => s.Id == LibrarySettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new LibrarySettings();
            db.Add(settings);
        }

        settings.StaffMayContribute = staffMayContribute;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw ProblemException.Conflict("The settings were changed at the same moment; try again.");
        }

        return settings;
    }
}
