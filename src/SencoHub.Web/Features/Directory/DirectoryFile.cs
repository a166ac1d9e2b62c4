using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Features.Directory;

/// <summary>The trust directory file, exactly as trusts write it (strings everywhere, checked by <see cref="DirectoryFileReader"/>).</summary>
public sealed class DirectoryFile
{
    public TrustEntry? Trust { get; set; }
    public List<SchoolEntry?>? Schools { get; set; }
    public List<PersonEntry?>? People { get; set; }
    public List<HalfTermEntry?>? HalfTerms { get; set; }

    public sealed class TrustEntry
    {
        public string? Name { get; set; }
    }

    public sealed class SchoolEntry
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Urn { get; set; }
        public string? Phase { get; set; }
    }

    public sealed class PersonEntry
    {
        public string? AadObjectId { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public List<RoleEntry?>? Roles { get; set; }
    }

    public sealed class RoleEntry
    {
        public string? Role { get; set; }
        public string? School { get; set; }
    }

    public sealed class HalfTermEntry
    {
        public string? AcademicYear { get; set; }
        public string? HalfTerm { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
    }
}

/// <summary>A directory file that passed every check, in domain types.</summary>
public sealed record ValidDirectory(
    string TrustName,
    IReadOnlyList<School> Schools,
    IReadOnlyList<ValidPerson> People,
    IReadOnlyList<HalfTermDates> HalfTerms);

/// <summary>A person from the file; <paramref name="AadObjectId"/> is null for someone listed by email only.</summary>
public sealed record ValidPerson(string? AadObjectId, string Name, string Email, IReadOnlyList<RoleGrant> Roles);

/// <summary>The file was refused; the message names every bad entry and field.</summary>
public sealed class DirectoryFileException(string message) : Exception(message);
