using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Export;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Directory;

/// <summary>
/// Reads the spreadsheets a school office keeps, recognised by their header row: people
/// (<c>email, name, role, school</c>, one row per role), schools (<c>urn, name, phase</c>) or a GIAS
/// establishments export. Every problem is named by row and column, all at once.
/// </summary>
public static class DirectoryCsvReader
{
    public static readonly string[] PeopleColumns = ["email", "name", "role", "school"];
    public static readonly string[] SchoolColumns = ["urn", "name", "phase"];

    private const string GiasUrn = "urn";
    private const string GiasName = "establishmentname";
    private const string GiasPhase = "phaseofeducation (name)";
    private const string GiasType = "typeofestablishment (name)";
    private const string GiasStatus = "establishmentstatus (name)";

    /// <summary>What a CSV held, checked: only the part of the directory it speaks for.</summary>
    public sealed record Contents(IReadOnlyList<School> Schools, IReadOnlyList<ValidPerson> People)
    {
        public bool HasPeople => People.Count > 0;
    }

    /// <param name="knownSchools">Schools already in the directory, which the people file names by id, URN or name.</param>
    public static Contents Read(string text, IReadOnlyList<School> knownSchools)
    {
        var records = CsvText.Parse(text);
        if (records.Count == 0)
        {
            throw new DirectoryFileException("The file is empty.");
        }

        var original = records[0].Fields.Select(h => h.Trim()).ToList();
        var header = original.Select(h => h.ToLowerInvariant()).ToList();
        var rows = records.Skip(1).ToList();
        var errors = new List<string>();
        Contents contents;
        if (HasAll(header, PeopleColumns))
        {
            contents = new([], ReadPeople(header, rows, knownSchools, errors));
        }
        else if (HasAll(header, [GiasUrn, GiasName, GiasPhase]))
        {
            contents = new(ReadSchools(rows, errors, new Columns(header, original, GiasUrn, GiasName, GiasPhase, GiasType, GiasStatus), Gias: true, knownSchools), []);
        }
        else if (HasAll(header, SchoolColumns))
        {
            contents = new(ReadSchools(rows, errors, new Columns(header, original, "urn", "name", "phase", null, null), Gias: false, knownSchools), []);
        }
        else
        {
            throw new DirectoryFileException(
                "SencoHub does not recognise this file. Use the directory file (JSON), a people CSV with the columns email, name, role, school, "
                + "a schools CSV with the columns urn, name, phase, or a GIAS establishments export (URN, EstablishmentName, PhaseOfEducation (name)). "
                + "The templates on the admin page have the right columns.");
        }

        if (errors.Count > 0)
        {
            throw new DirectoryFileException(
                $"The file was refused ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}); nothing was imported:{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        if (contents.People.Count == 0 && contents.Schools.Count == 0)
        {
            throw new DirectoryFileException("The file has a header row but no rows below it; nothing was imported.");
        }

        return contents;
    }

    private static bool HasAll(List<string> header, string[] columns) => columns.All(header.Contains);

    private static string At(CsvRecord record, string column) => $"Row {record.Row}, column '{column}'";

    private static List<ValidPerson> ReadPeople(List<string> header, List<CsvRecord> rows, IReadOnlyList<School> knownSchools, List<string> errors)
    {
        int email = header.IndexOf("email"), name = header.IndexOf("name"), role = header.IndexOf("role"), school = header.IndexOf("school");
        // One row per role: rows for the same email (any case) are one person.
        var people = new Dictionary<string, (string Name, int FirstRow, List<RoleGrant> Roles)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var record in rows)
        {
            var address = record[email].Trim();
            var ok = true;
            if (address.Length == 0 || address.Length > DirectoryLimits.EmailLength || !DirectoryFileReader.EmailPattern().IsMatch(address))
            {
                errors.Add(address.Length == 0
                    ? $"{At(record, "email")}: the email (sign-in name) is missing."
                    : $"{At(record, "email")}: '{address}' is not an email address.");
                ok = false;
            }

            var fullName = record[name].Trim();
            if (fullName.Length == 0 || fullName.Length > DirectoryLimits.NameLength)
            {
                errors.Add($"{At(record, "name")}: needs a name of 1 to {DirectoryLimits.NameLength} characters.");
                ok = false;
            }
            else if (PupilDataGuard.ContainsUpn(fullName))
            {
                errors.Add($"{At(record, "name")}: {PupilDataGuard.Message}");
                ok = false;
            }

            var grant = ReadRole(record, record[role].Trim(), record[school].Trim(), knownSchools, errors);
            if (!ok || grant is null)
            {
                continue;
            }

            if (!people.TryGetValue(address, out var person))
            {
                person = (fullName, record.Row, []);
                people[address] = person;
                order.Add(address);
            }
            else if (!string.Equals(person.Name, fullName, StringComparison.Ordinal))
            {
                errors.Add($"{At(record, "name")}: '{fullName}' differs from '{person.Name}' in row {person.FirstRow} for the same email; use one name.");
                continue;
            }

            if (!person.Roles.Contains(grant))
            {
                person.Roles.Add(grant);
            }
        }

        return [.. order.Select(address => new ValidPerson(null, people[address].Name, address, people[address].Roles))];
    }

    private static RoleGrant? ReadRole(CsvRecord record, string roleText, string schoolText, IReadOnlyList<School> knownSchools, List<string> errors)
    {
        if (!Enum.TryParse<Role>(roleText.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var role) || int.TryParse(roleText, out _))
        {
            errors.Add($"{At(record, "role")}: '{roleText}' is not a role; use one of {string.Join(", ", Enum.GetNames<Role>())}.");
            return null;
        }

        if (role.IsTrustWide())
        {
            if (schoolText.Length > 0)
            {
                errors.Add($"{At(record, "school")}: {roleText} is a trust-wide role, so leave the school empty.");
                return null;
            }

            return new RoleGrant(role, null);
        }

        if (schoolText.Length == 0)
        {
            errors.Add($"{At(record, "school")}: {roleText} is a school role; give the school's URN or name.");
            return null;
        }

        var matches = knownSchools.Where(s => string.Equals(s.Id, schoolText, StringComparison.OrdinalIgnoreCase)
            || s.Urn == schoolText || string.Equals(s.Name, schoolText, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches is [var school])
        {
            return new RoleGrant(role, school.Id);
        }

        errors.Add(matches.Count == 0
            ? $"{At(record, "school")}: '{schoolText}' is not a school in the directory; import the schools first, or use the school's URN."
            : $"{At(record, "school")}: '{schoolText}' names more than one school; use the school's URN.");
        return null;
    }

    private sealed record Columns(List<string> Header, List<string> Original, string Urn, string Name, string Phase, string? Type, string? Status)
    {
        public int Index(string? column) => column is null ? -1 : Header.IndexOf(column);
    }

    private static List<School> ReadSchools(List<CsvRecord> rows, List<string> errors, Columns columns, bool Gias, IReadOnlyList<School> knownSchools)
    {
        int urnAt = columns.Index(columns.Urn), nameAt = columns.Index(columns.Name), phaseAt = columns.Index(columns.Phase);
        int typeAt = columns.Index(columns.Type), statusAt = columns.Index(columns.Status);
        var byUrn = knownSchools.ToDictionary(s => s.Urn, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var schools = new List<School>();
        foreach (var record in rows)
        {
            // A trust's GIAS export lists establishments that have closed; they are not schools to add.
            if (statusAt >= 0 && record[statusAt].Trim().StartsWith("Closed", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var ok = true;
            var urn = record[urnAt].Trim();
            if (!DirectoryFileReader.UrnPattern().IsMatch(urn))
            {
                errors.Add($"{At(record, Header(columns, urnAt))}: '{urn}' is not a URN; a URN is exactly six digits.");
                ok = false;
            }
            else if (seen.TryGetValue(urn, out var firstRow))
            {
                errors.Add($"{At(record, Header(columns, urnAt))}: URN {urn} is also in row {firstRow}.");
                ok = false;
            }
            else
            {
                seen[urn] = record.Row;
            }

            var name = record[nameAt].Trim();
            if (name.Length == 0 || name.Length > DirectoryLimits.NameLength)
            {
                errors.Add($"{At(record, Header(columns, nameAt))}: needs a name of 1 to {DirectoryLimits.NameLength} characters.");
                ok = false;
            }
            else if (PupilDataGuard.ContainsUpn(name))
            {
                errors.Add($"{At(record, Header(columns, nameAt))}: {PupilDataGuard.Message}");
                ok = false;
            }

            var phaseText = record[phaseAt].Trim();
            var phase = Gias ? GiasPhaseOf(phaseText, typeAt >= 0 ? record[typeAt].Trim() : string.Empty) : OurPhaseOf(phaseText);
            if (phase is null)
            {
                errors.Add(Gias
                    ? $"{At(record, Header(columns, phaseAt))}: '{phaseText}' does not say whether this is a primary, secondary, all-through, special or alternative provision school."
                    : $"{At(record, Header(columns, phaseAt))}: '{phaseText}' is not a phase; use one of {string.Join(", ", Enum.GetValues<SchoolPhase>().Select(p => p.Display()))}.");
                ok = false;
            }

            if (ok)
            {
                // A school already on record keeps its id; a new one is known by its URN.
                schools.Add(new School { Id = byUrn.TryGetValue(urn, out var known) ? known.Id : urn, Name = name, Urn = urn, Phase = phase!.Value });
            }
        }

        return schools;
    }

    private static string Header(Columns columns, int index) => columns.Original[index];

    private static SchoolPhase? OurPhaseOf(string text)
    {
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<SchoolPhase>(compact, ignoreCase: true, out var phase) && !int.TryParse(compact, out _) ? phase : null;
    }

    /// <summary>GIAS gives special schools and alternative provision as a type of establishment, with phase "Not applicable".</summary>
    private static SchoolPhase? GiasPhaseOf(string phase, string type)
    {
        if (type.Contains("special", StringComparison.OrdinalIgnoreCase))
        {
            return SchoolPhase.Special;
        }

        if (type.Contains("alternative provision", StringComparison.OrdinalIgnoreCase) || type.Contains("pupil referral", StringComparison.OrdinalIgnoreCase))
        {
            return SchoolPhase.AlternativeProvision;
        }

        return phase.ToLowerInvariant() switch
        {
            "primary" or "middle deemed primary" or "nursery" => SchoolPhase.Primary,
            "secondary" or "middle deemed secondary" or "16 plus" => SchoolPhase.Secondary,
            "all-through" or "all through" => SchoolPhase.AllThrough,
            _ => null,
        };
    }
}
