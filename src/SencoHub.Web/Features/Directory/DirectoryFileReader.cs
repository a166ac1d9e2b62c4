using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Directory;

/// <summary>Reads a directory file and checks every entry, so an import is all or nothing and every problem is named.</summary>
public static partial class DirectoryFileReader
{
    private const int MaxErrorsListed = 25;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="knownSchoolIds">Schools already in the directory, which roles may also name.</param>
    public static ValidDirectory Read(string json, IReadOnlyCollection<string> knownSchoolIds)
    {
        DirectoryFile? file;
        try
        {
            file = JsonSerializer.Deserialize<DirectoryFile>(json, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new DirectoryFileException($"The directory file is not valid JSON{where}: a value has the wrong type or the file is malformed.");
        }

        if (file is null)
        {
            throw new DirectoryFileException("The directory file is empty.");
        }

        var errors = new List<string>();
        var trustName = file.Trust?.Name?.Trim();
        if (string.IsNullOrEmpty(trustName))
        {
            errors.Add("trust.name: the trust needs a name.");
        }
        else if (trustName.Length > DirectoryLimits.NameLength)
        {
            errors.Add($"trust.name: longer than {DirectoryLimits.NameLength} characters.");
        }
        else
        {
            CheckNoPupilData(errors, "trust.name", trustName);
        }

        var schools = ReadSchools(file.Schools ?? [], errors);
        var schoolIds = new HashSet<string>(schools.Select(s => s.Id).Concat(knownSchoolIds), StringComparer.Ordinal);
        var people = ReadPeople(file.People ?? [], schoolIds, errors);
        var halfTerms = ReadHalfTerms(file.HalfTerms ?? [], errors);

        if (errors.Count > 0)
        {
            var listed = errors.Take(MaxErrorsListed).Select(e => "  - " + e);
            var more = errors.Count > MaxErrorsListed ? $"{Environment.NewLine}  … and {errors.Count - MaxErrorsListed} more." : string.Empty;
            throw new DirectoryFileException(
                $"The directory file was refused ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}); nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}");
        }

        return new ValidDirectory(trustName!, schools, people, halfTerms);
    }

    /// <summary>Names are free text like any other: one holding a pupil identifier is refused, and never quoted back.</summary>
    /// <summary>A school's or a person's name: present, not too long, and no pupil identifier in it.</summary>
    private static bool CheckName(List<string> errors, string at, string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > DirectoryLimits.NameLength)
        {
            errors.Add($"{at}.name: needs a name of 1 to {DirectoryLimits.NameLength} characters.");
            return false;
        }

        return CheckNoPupilData(errors, $"{at}.name", name);
    }

    private static bool CheckNoPupilData(List<string> errors, string field, string text)
    {
        if (!PupilDataGuard.ContainsUpn(text))
        {
            return true;
        }

        errors.Add($"{field}: {PupilDataGuard.Message}");
        return false;
    }

    private static List<School> ReadSchools(List<DirectoryFile.SchoolEntry?> entries, List<string> errors)
    {
        var schools = new List<School>();
        var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenUrns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var id = entry?.Id?.Trim();
            var at = id is { Length: > 0 } ? $"schools[{i}] (\"{id}\")" : $"schools[{i}]";
            if (entry is null)
            {
                errors.Add($"{at}: the entry is empty.");
                continue;
            }

            var ok = true;
            if (!SchoolIdRule.IsValid(id))
            {
                errors.Add($"{at}.id: needs a stable id of {SchoolIdRule.Rule}.");
                ok = false;
            }
            else if (!seenIds.Add(id))
            {
                errors.Add($"{at}.id: the id \"{id}\" is used by more than one school.");
                ok = false;
            }

            var name = entry.Name?.Trim();
            ok &= CheckName(errors, at, name);

            var urn = entry.Urn?.Trim();
            if (urn is null || !UrnPattern().IsMatch(urn))
            {
                errors.Add($"{at}.urn: \"{entry.Urn}\" is not a URN; a URN is exactly six digits.");
                ok = false;
            }
            else if (!seenUrns.Add(urn))
            {
                errors.Add($"{at}.urn: the URN {urn} is used by more than one school.");
                ok = false;
            }

            if (!Enum.TryParse<SchoolPhase>(entry.Phase, ignoreCase: true, out var phase) || int.TryParse(entry.Phase, out _))
            {
                errors.Add($"{at}.phase: \"{entry.Phase}\" is not a phase; use one of {string.Join(", ", Enum.GetNames<SchoolPhase>())}.");
                ok = false;
            }

            if (ok)
            {
                schools.Add(new School { Id = id!, Name = name!, Urn = urn!, Phase = phase });
            }
        }

        return schools;
    }

    private static List<ValidPerson> ReadPeople(List<DirectoryFile.PersonEntry?> entries, HashSet<string> schoolIds, List<string> errors)
    {
        var people = new List<ValidPerson>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Someone listed by email alone is linked by that email at first sign-in, so it must name one entry only.
        var emailCounts = entries.Select(e => e?.Email?.Trim()).Where(e => !string.IsNullOrEmpty(e))
            .GroupBy(e => e!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var objectId = entry?.AadObjectId?.Trim();
            var at = objectId is { Length: > 0 } ? $"people[{i}] (\"{objectId}\")" : $"people[{i}]";
            if (entry is null)
            {
                errors.Add($"{at}: the entry is empty.");
                continue;
            }

            var ok = true;
            if (string.IsNullOrEmpty(objectId))
            {
                objectId = null;
            }
            else if (objectId.Length > DirectoryLimits.AadObjectIdLength)
            {
                errors.Add($"{at}.aadObjectId: longer than {DirectoryLimits.AadObjectIdLength} characters.");
                ok = false;
            }
            else if (!seen.Add(objectId))
            {
                errors.Add($"{at}.aadObjectId: \"{objectId}\" appears more than once.");
                ok = false;
            }

            var name = entry.Name?.Trim();
            ok &= CheckName(errors, at, name);

            var email = entry.Email?.Trim();
            if (string.IsNullOrEmpty(email) || email.Length > DirectoryLimits.EmailLength || !EmailPattern().IsMatch(email))
            {
                errors.Add($"{at}.email: \"{entry.Email}\" is not an email address.");
                ok = false;
            }
            else if (objectId is null && emailCounts[email] > 1)
            {
                errors.Add($"{at}.email: {email} is listed more than once; someone without an Entra object id is known by their email alone.");
                ok = false;
            }

            var roles = new List<RoleGrant>();
            var roleEntries = entry.Roles ?? [];
            for (var r = 0; r < roleEntries.Count; r++)
            {
                var grant = ReadRole(roleEntries[r], $"{at}.roles[{r}]", schoolIds, errors);
                if (grant is null)
                {
                    ok = false;
                }
                else if (!roles.Contains(grant))
                {
                    roles.Add(grant);
                }
            }

            if (ok)
            {
                people.Add(new ValidPerson(objectId, name!, email!, roles));
            }
        }

        return people;
    }

    private static RoleGrant? ReadRole(DirectoryFile.RoleEntry? entry, string at, HashSet<string> schoolIds, List<string> errors)
    {
        if (entry is null || !Enum.TryParse<Role>(entry.Role, ignoreCase: true, out var role) || int.TryParse(entry.Role, out _))
        {
            errors.Add($"{at}.role: \"{entry?.Role}\" is not a role; use one of {string.Join(", ", Enum.GetNames<Role>())}.");
            return null;
        }

        var school = entry.School?.Trim();
        if (role.IsTrustWide())
        {
            if (!string.IsNullOrEmpty(school))
            {
                errors.Add($"{at}.school: {role} is a trust-wide role and takes no school.");
                return null;
            }

            return new RoleGrant(role, null);
        }

        if (string.IsNullOrEmpty(school))
        {
            errors.Add($"{at}.school: {role} is a school role and needs a school id.");
            return null;
        }

        if (!schoolIds.Contains(school))
        {
            errors.Add($"{at}.school: \"{school}\" is not a school in this file or the directory.");
            return null;
        }

        return new RoleGrant(role, school);
    }

    private static List<HalfTermDates> ReadHalfTerms(List<DirectoryFile.HalfTermEntry?> entries, List<string> errors)
    {
        var halfTerms = new List<HalfTermDates>();
        var seen = new HashSet<(string, HalfTermName)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = $"halfTerms[{i}]";
            if (entry is null)
            {
                errors.Add($"{at}: the entry is empty.");
                continue;
            }

            var ok = true;
            var year = entry.AcademicYear?.Trim() ?? string.Empty;
            if (!HalfTerm.IsValidAcademicYear(year))
            {
                errors.Add($"{at}.academicYear: \"{entry.AcademicYear}\" is not an academic year like \"2026-27\".");
                ok = false;
            }

            if (!Enum.TryParse<HalfTermName>(entry.HalfTerm, ignoreCase: true, out var name) || int.TryParse(entry.HalfTerm, out _))
            {
                errors.Add($"{at}.halfTerm: \"{entry.HalfTerm}\" is not a half-term; use one of {string.Join(", ", Enum.GetNames<HalfTermName>())}.");
                ok = false;
            }

            var start = ReadDate(entry.Start, $"{at}.start", errors);
            var end = ReadDate(entry.End, $"{at}.end", errors);
            if (start is null || end is null)
            {
                ok = false;
            }
            else if (end < start)
            {
                errors.Add($"{at}.end: {end:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}.");
                ok = false;
            }
            else if (ok && HalfTerm.AcademicYearOf(start.Value) != year)
            {
                errors.Add($"{at}.start: {start:yyyy-MM-dd} is not in the academic year {year}.");
                ok = false;
            }

            if (ok && !seen.Add((year, name)))
            {
                errors.Add($"{at}: {name} {year} appears more than once.");
                ok = false;
            }

            if (ok)
            {
                halfTerms.Add(new HalfTermDates(year, name, start!.Value, end!.Value));
            }
        }

        return halfTerms;
    }

    private static DateOnly? ReadDate(string? value, string at, List<string> errors)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{at}: \"{value}\" is not a date in the form YYYY-MM-DD.");
        return null;
    }

    [GeneratedRegex(@"^\d{6}$")]
    internal static partial Regex UrnPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex EmailPattern();
}
