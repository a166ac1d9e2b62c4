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
}

public sealed record RoleGrant(Role Role, string? SchoolId);
