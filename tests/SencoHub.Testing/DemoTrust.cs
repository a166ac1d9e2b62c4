using System.Text.Json;
using SencoHub.Web.Features.Directory;

namespace SencoHub.Testing;

/// <summary>People of the bundled demo trust, found by role so tests read like the product.</summary>
public static class DemoTrust
{
    private static readonly Lazy<DirectoryFile> File = new(() =>
        JsonSerializer.Deserialize<DirectoryFile>(SeedDirectory.ReadDemoTrust(), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static string Json => SeedDirectory.ReadDemoTrust();

    public static IReadOnlyList<string> SchoolIds => [.. File.Value.Schools!.Select(s => s!.Id!)];

    public static DemoPerson SendLead => With("SendLead", null).First();

    public static DemoPerson Trustee => With("Trustee", null).First();

    public static DemoPerson HeadteacherOf(string schoolId) => With("Headteacher", schoolId).First();

    public static DemoPerson SencoOf(string schoolId) => With("Senco", schoolId).First();

    public static DemoPerson StaffOf(string schoolId) => With("Staff", schoolId).First();

    /// <summary>The SENCO who serves two schools.</summary>
    public static DemoPerson SencoOfTwoSchools => People.First(p => p.Roles.Count(r => r.Role == "Senco") >= 2);

    public static IReadOnlyList<DemoPerson> People => [.. File.Value.People!.Select(p => new DemoPerson(
        p!.AadObjectId!, p.Name!, [.. p.Roles!.Select(r => (r!.Role!, r.School))]))];

    public static IReadOnlyList<DemoPerson> With(string role, string? schoolId) =>
        [.. People.Where(p => p.Roles.Any(r => r.Role == role && (schoolId is null || r.School == schoolId)))];
}

public sealed record DemoPerson(string AadObjectId, string Name, IReadOnlyList<(string Role, string? School)> Roles)
{
    // A person is their object id: the role list is rebuilt on every read, so record equality
    // (which compares that list by reference) would call the same person two people.
    public bool Equals(DemoPerson? other) => other is not null && AadObjectId == other.AadObjectId;

    public override int GetHashCode() => AadObjectId.GetHashCode(StringComparison.Ordinal);
}
