namespace SencoHub.Web.Platform.Auth;

/// <summary>What a person does in the trust. SendLead and Trustee are trust-wide; the others are per school.</summary>
public enum Role
{
    SendLead,
    Trustee,
    Senco,
    Headteacher,
    Staff,
}

public static class Roles
{
    public static bool IsTrustWide(this Role role) => role is Role.SendLead or Role.Trustee;

    public static string Display(this Role role) => role switch
    {
        Role.SendLead => "SEND lead",
        Role.Trustee => "Trustee",
        Role.Senco => "SENCO",
        Role.Headteacher => "Headteacher",
        _ => "Staff",
    };

    /// <summary>"SENCO at Oakfield Primary", "SEND lead for the whole trust": one wording on every page and card.</summary>
    public static string Describe(this RoleGrant grant, IReadOnlyDictionary<string, string> schoolNames) =>
        grant.SchoolId is null
            ? $"{grant.Role.Display()} for the whole trust"
            : $"{grant.Role.Display()} at {schoolNames.GetValueOrDefault(grant.SchoolId, grant.SchoolId)}";
}

public sealed record RoleGrant(Role Role, string? SchoolId);
