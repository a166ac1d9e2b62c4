using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Directory;

public sealed record DirectoryImportSummary(int SchoolsAdded, int SchoolsUpdated, int PeopleAdded, int PeopleUpdated, int HalfTerms, int PeopleRemoved = 0)
{
    public override string ToString() =>
        $"{SchoolsAdded} schools added, {SchoolsUpdated} updated; {PeopleAdded} people added, {PeopleUpdated} updated"
        + (PeopleRemoved > 0 ? $"; {PeopleRemoved} no longer in the file lost their roles" : string.Empty)
        + $"; {HalfTerms} half-terms.";
}

/// <summary>
/// Imports a trust directory file as an idempotent upsert (schools by id, people by aadObjectId or,
/// for people listed by email alone, by email; half-terms by year and name), all or nothing. People's roles become exactly the file's roles.
/// With <c>removeAbsentPeople</c>, people the file no longer lists (staff who have left) lose every
/// role; they stay on record because acknowledgements and updates name them.
/// </summary>
public sealed class ImportDirectory(SencoHubDb db, CalendarService calendar, DirectoryCache cache)
{
    /// <param name="text">The directory file (JSON), or a people, schools or GIAS CSV, told apart by content.</param>
    public async Task<DirectoryImportSummary> ImportAsync(string text, bool removeAbsentPeople = false, CancellationToken cancellationToken = default)
    {
        var knownSchools = await db.Set<School>().AsNoTracking().ToListAsync(cancellationToken);
        ValidDirectory directory;
        if (IsJson(text))
        {
            directory = DirectoryFileReader.Read(text, [.. knownSchools.Select(s => s.Id)]);
        }
        else
        {
            // A CSV speaks for one part of the directory; the trust and its half-terms stay as they are.
            var csv = DirectoryCsvReader.Read(text, knownSchools);
            var trustName = await db.Set<Trust>().Where(t => t.Id == Trust.SingletonId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DirectoryFileException("Import the trust's directory file first: a CSV adds schools or people to a trust SencoHub already knows.");
            directory = new ValidDirectory(trustName, csv.Schools, csv.People, []);
            removeAbsentPeople &= csv.HasPeople;
        }

        if (removeAbsentPeople && !directory.People.Any(p => p.Roles.Any(r => r.Role == Role.SendLead)))
        {
            // Without this, one incomplete file would lock every SEND lead out of SencoHub.
            throw new DirectoryFileException("The file names no SEND lead, so nobody would be left to run SencoHub. Nothing was imported; add the SEND lead to the file, or import without removing people.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var trust = await db.Set<Trust>().FindAsync([Trust.SingletonId], cancellationToken);
        if (trust is null)
        {
            db.Add(new Trust { Name = directory.TrustName });
        }
        else
        {
            trust.Name = directory.TrustName;
        }

        var (schoolsAdded, schoolsUpdated) = await UpsertSchoolsAsync(directory.Schools, cancellationToken);
        // Schools first: role assignments reference them.
        await db.SaveChangesAsync(cancellationToken);
        var (peopleAdded, peopleUpdated, known, listed) = await UpsertPeopleAsync(directory.People, cancellationToken);
        var peopleRemoved = removeAbsentPeople ? RemoveRolesOfAbsentPeople(known, listed) : 0;
        await calendar.UpsertHalfTermsAsync(directory.HalfTerms, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (!await db.Set<RoleAssignment>().AnyAsync(r => r.Role == Role.SendLead, cancellationToken))
        {
            // Checked on the result, so a file that demotes the last SEND lead is caught too; the transaction rolls back.
            throw new DirectoryFileException("After this import nobody would be a SEND lead, so nobody would be left to run SencoHub. Nothing was imported; keep at least one person with the SendLead role.");
        }
        // Atomic in the database, so two imports at once still leave two increments for other instances to see.
        await db.Set<Trust>().Where(t => t.Id == Trust.SingletonId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.DirectoryVersion, x => x.DirectoryVersion + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Clear();
        return new DirectoryImportSummary(schoolsAdded, schoolsUpdated, peopleAdded, peopleUpdated, directory.HalfTerms.Count, peopleRemoved);
    }

    private static bool IsJson(string text) => text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{');

    /// <summary>Takes every role from the people already on record whom the file no longer lists.</summary>
    private static int RemoveRolesOfAbsentPeople(IReadOnlyList<Person> known, IReadOnlySet<Person> listed)
    {
        var absent = known.Where(p => p.Roles.Count > 0 && !listed.Contains(p)).ToList();
        foreach (var person in absent)
        {
            person.Roles.Clear();
        }

        return absent.Count;
    }

    private async Task<(int Added, int Updated)> UpsertSchoolsAsync(IReadOnlyList<School> schools, CancellationToken cancellationToken)
    {
        var existing = await db.Set<School>().ToDictionaryAsync(s => s.Id, cancellationToken);
        int added = 0, updated = 0;
        foreach (var school in schools)
        {
            if (existing.TryGetValue(school.Id, out var current))
            {
                if (current.Name != school.Name || current.Urn != school.Urn || current.Phase != school.Phase)
                {
                    (current.Name, current.Urn, current.Phase) = (school.Name, school.Urn, school.Phase);
                    updated++;
                }
            }
            else
            {
                db.Add(school);
                added++;
            }
        }

        return (added, updated);
    }

    /// <summary>Also returns the people on record before the import, with their roles, tracked, and those the file matched.</summary>
    private async Task<(int Added, int Updated, IReadOnlyList<Person> Known, IReadOnlySet<Person> Listed)> UpsertPeopleAsync(IReadOnlyList<ValidPerson> people, CancellationToken cancellationToken)
    {
        var known = await db.Set<Person>().Include(p => p.Roles).ToListAsync(cancellationToken);
        var byObjectId = known.Where(p => p.AadObjectId is not null).ToDictionary(p => p.AadObjectId!, StringComparer.Ordinal);
        var byEmail = known.ToLookup(p => p.Email, StringComparer.OrdinalIgnoreCase);
        var listed = new HashSet<Person>();
        int added = 0, updated = 0;
        foreach (var entry in people)
        {
            var person = Match(entry, byObjectId, byEmail, listed);
            if (person is null)
            {
                person = new Person { AadObjectId = entry.AadObjectId, Name = entry.Name, Email = entry.Email };
                person.Roles.AddRange(entry.Roles.Select(r => new RoleAssignment { Role = r.Role, SchoolId = r.SchoolId }));
                db.Add(person);
                listed.Add(person);
                added++;
                continue;
            }

            listed.Add(person);
            // A file that now gives the object id of someone waiting for first sign-in links them at once.
            var linked = person.AadObjectId is null && entry.AadObjectId is not null;
            person.AadObjectId ??= entry.AadObjectId;
            var changed = linked || person.Name != entry.Name || person.Email != entry.Email;
            (person.Name, person.Email) = (entry.Name, entry.Email);
            var stale = person.Roles.Where(r => !entry.Roles.Contains(new(r.Role, r.SchoolId))).ToList();
            var missing = entry.Roles.Where(g => !person.Roles.Any(r => r.Role == g.Role && r.SchoolId == g.SchoolId)).ToList();
            foreach (var role in stale)
            {
                person.Roles.Remove(role);
            }

            person.Roles.AddRange(missing.Select(g => new RoleAssignment { Role = g.Role, SchoolId = g.SchoolId }));
            if (changed || stale.Count > 0 || missing.Count > 0)
            {
                updated++;
            }
        }

        return (added, updated, known, listed);
    }

    /// <summary>
    /// The person on record an entry means: by object id, else by email — someone waiting for first
    /// sign-in first, then a linked person the file now lists by email alone. Never one matched already.
    /// </summary>
    private static Person? Match(ValidPerson entry, Dictionary<string, Person> byObjectId, ILookup<string, Person> byEmail, HashSet<Person> listed)
    {
        if (entry.AadObjectId is not null && byObjectId.TryGetValue(entry.AadObjectId, out var byId) && !listed.Contains(byId))
        {
            return byId;
        }

        var sameEmail = byEmail[entry.Email].Where(p => !listed.Contains(p)).ToList();
        return sameEmail.FirstOrDefault(p => p.AadObjectId is null)
            ?? (entry.AadObjectId is null && sameEmail.Count(p => p.AadObjectId is not null) == 1 ? sameEmail.Single(p => p.AadObjectId is not null) : null);
    }
}
