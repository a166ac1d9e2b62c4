using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

/// <summary>How the rest of the app reads the trust directory.</summary>
public sealed class DirectoryService(SencoHubDb db, DirectoryCache cache) : IPersonDirectory
{
    /// <summary>
    /// Someone who may use SencoHub now: in the directory and holding at least one role. People the
    /// file lists without a role, or whose roles an import took away, are nobody to sign-in, the API,
    /// the pages and the bot alike, though they stay on record for what they did.
    /// </summary>
    public Task<SignedInPerson?> FindAsync(string aadObjectId, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(aadObjectId,
            async () => await db.Set<Trust>().AsNoTracking().Where(t => t.Id == Trust.SingletonId)
                .Select(t => (int?)t.DirectoryVersion).FirstOrDefaultAsync(cancellationToken) ?? 0,
            async () =>
            {
                var person = await db.Set<Person>().AsNoTracking().Include(p => p.Roles)
                    .FirstOrDefaultAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
                return person is null || person.Roles.Count == 0 ? null : ToSignedIn(person);
            });

    public async Task<IReadOnlyList<SignedInPerson>> ListAsync(CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>().AsNoTracking().Include(p => p.Roles).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. people.Select(ToSignedIn)];
    }

    public async Task<string> TrustNameAsync(CancellationToken cancellationToken = default) =>
        (await db.Set<Trust>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == Trust.SingletonId, cancellationToken))?.Name ?? "Your trust";

    /// <summary>The bundled demo trust (seeded because no directory file was configured), never a real trust's.</summary>
    public Task<bool> IsDemoTrustAsync(CancellationToken cancellationToken = default) =>
        db.Set<Trust>().AnyAsync(t => t.Id == Trust.SingletonId && t.IsDemo, cancellationToken);

    public Task<List<School>> ListSchoolsAsync(CancellationToken cancellationToken = default) =>
        db.Set<School>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<School?> FindSchoolAsync(string schoolId, CancellationToken cancellationToken = default) =>
        db.Set<School>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schoolId, cancellationToken);

    /// <summary>Everyone holding <paramref name="role"/>, with the school they hold it at (null for trust-wide roles).</summary>
    public async Task<IReadOnlyList<RoleHolder>> HoldersOfAsync(Role role, CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.Set<RoleAssignment>().AsNoTracking()
                          join p in db.Set<Person>().AsNoTracking() on r.PersonId equals p.Id
                          where r.Role == role
                          orderby p.Name
                          select new { p.Id, p.AadObjectId, p.Name, p.Email, r.SchoolId }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RoleHolder(r.Id, r.AadObjectId, r.Name, r.Email, role, r.SchoolId))];
    }

    private static SignedInPerson ToSignedIn(Person person) =>
        new(person.Id, person.AadObjectId, person.Name, person.Email,
            [.. person.Roles.OrderBy(r => r.Role).ThenBy(r => r.SchoolId).Select(r => new RoleGrant(r.Role, r.SchoolId))]);
}

public sealed record RoleHolder(int PersonId, string AadObjectId, string Name, string Email, Role Role, string? SchoolId);
