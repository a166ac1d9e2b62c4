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

    /// <summary>Everyone who has signed in at least once (linked), with or without roles.</summary>
    public async Task<IReadOnlyList<SignedInPerson>> ListAsync(CancellationToken cancellationToken)
    {
        var people = await db.Set<Person>().AsNoTracking().Include(p => p.Roles).Where(p => p.AadObjectId != null)
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. people.Select(ToSignedIn)];
    }

    /// <summary>Everyone on record, including people listed by email who are waiting for their first sign-in.</summary>
    public async Task<IReadOnlyList<DirectoryPerson>> ListEveryoneAsync(CancellationToken cancellationToken = default)
    {
        var people = await db.Set<Person>().AsNoTracking().Include(p => p.Roles).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. people.Select(p => new DirectoryPerson(p.Id, p.AadObjectId, p.Name, p.Email, p.IsWaitingForFirstSignIn, Grants(p)))];
    }

    public Task<bool> AnyWaitingForFirstSignInAsync(CancellationToken cancellationToken) =>
        db.Set<Person>().AnyAsync(p => p.AadObjectId == null, cancellationToken);

    /// <summary>
    /// Links a Teams identity to the one person waiting for first sign-in under one of its sign-in
    /// names (UPN or email, as Teams reports them). Does nothing when the identity is known already
    /// or the names match nobody or more than one person: a guess would show someone else's data.
    /// </summary>
    public async Task<SignedInPerson?> LinkAsync(string aadObjectId, IReadOnlyCollection<string?> signInNames, CancellationToken cancellationToken)
    {
        var names = signInNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim().ToLowerInvariant()).Distinct().ToList();
        if (names.Count == 0 || aadObjectId.Length > DirectoryLimits.AadObjectIdLength
            || await db.Set<Person>().AnyAsync(p => p.AadObjectId == aadObjectId, cancellationToken))
        {
            return null;
        }

        var candidates = await db.Set<Person>().Where(p => p.AadObjectId == null && names.Contains(p.Email.ToLower()))
            .Select(p => p.Id).Take(2).ToListAsync(cancellationToken);
        if (candidates is not [var personId])
        {
            return null;
        }

        try
        {
            // Conditional, so two instances seeing the same first message link once.
            var linked = await db.Set<Person>().Where(p => p.Id == personId && p.AadObjectId == null)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.AadObjectId, aadObjectId), cancellationToken);
            if (linked == 0)
            {
                return null;
            }
        }
        catch (DbUpdateException)
        {
            // The same identity was linked to someone else at the same moment.
            return null;
        }

        await db.Set<Trust>().Where(t => t.Id == Trust.SingletonId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.DirectoryVersion, x => x.DirectoryVersion + 1), cancellationToken);
        cache.Clear();
        return await FindAsync(aadObjectId, cancellationToken);
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

    /// <summary>Everyone reachable holding <paramref name="role"/> (people waiting for first sign-in are not yet), with the school they hold it at (null for trust-wide roles).</summary>
    public async Task<IReadOnlyList<RoleHolder>> HoldersOfAsync(Role role, CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.Set<RoleAssignment>().AsNoTracking()
                          join p in db.Set<Person>().AsNoTracking() on r.PersonId equals p.Id
                          where r.Role == role && p.AadObjectId != null
                          orderby p.Name
                          select new { p.Id, AadObjectId = p.AadObjectId!, p.Name, p.Email, r.SchoolId }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RoleHolder(r.Id, r.AadObjectId, r.Name, r.Email, role, r.SchoolId))];
    }

    private static SignedInPerson ToSignedIn(Person person) =>
        new(person.Id, person.AadObjectId!, person.Name, person.Email, Grants(person));

    private static IReadOnlyList<RoleGrant> Grants(Person person) =>
        [.. person.Roles.OrderBy(r => r.Role).ThenBy(r => r.SchoolId).Select(r => new RoleGrant(r.Role, r.SchoolId))];
}

/// <summary>A person as the admin page and <c>/api/directory/people</c> show them; no object id until first sign-in.</summary>
public sealed record DirectoryPerson(int PersonId, string? AadObjectId, string Name, string Email, bool WaitingForFirstSignIn, IReadOnlyList<RoleGrant> Roles);

public sealed record RoleHolder(int PersonId, string AadObjectId, string Name, string Email, Role Role, string? SchoolId);
