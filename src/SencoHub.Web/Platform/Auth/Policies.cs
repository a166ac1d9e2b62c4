using Microsoft.AspNetCore.Authorization;

namespace SencoHub.Web.Platform.Auth;

public static class Policies
{
    /// <summary>Signed in and present in the trust directory.</summary>
    public const string SignedIn = "SignedIn";

    public const string SendLead = "SendLead";

    /// <summary>SEND lead or trustee.</summary>
    public const string TrustWideRead = "TrustWideRead";

    /// <summary>The bearer-token scheme every <c>/api</c> endpoint authenticates with.</summary>
    public const string ApiScheme = "Api";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new DirectoryRoleRequirement()));
        options.AddPolicy(SendLead, p => p.RequireAuthenticatedUser().AddRequirements(new DirectoryRoleRequirement(Role.SendLead)));
        options.AddPolicy(TrustWideRead, p => p.RequireAuthenticatedUser().AddRequirements(new DirectoryRoleRequirement(Role.SendLead, Role.Trustee)));
    }
}

/// <summary>The person is in the directory and, when roles are given, holds one of them anywhere.</summary>
public sealed class DirectoryRoleRequirement(params Role[] anyOf) : IAuthorizationRequirement
{
    public IReadOnlyList<Role> AnyOf { get; } = anyOf;
}

/// <summary>The person holds one of the roles at the school passed as the resource (a school id).</summary>
public sealed class SchoolRoleRequirement(params Role[] anyOf) : IAuthorizationRequirement
{
    public IReadOnlyList<Role> AnyOf { get; } = anyOf;
}

internal sealed class DirectoryRoleHandler(PersonResolver people) : AuthorizationHandler<DirectoryRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DirectoryRoleRequirement requirement)
    {
        var person = await people.GetAsync(context.User);
        if (person is not null && (requirement.AnyOf.Count == 0 || person.Roles.Any(r => requirement.AnyOf.Contains(r.Role))))
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class SchoolRoleHandler(PersonResolver people) : AuthorizationHandler<SchoolRoleRequirement, string>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SchoolRoleRequirement requirement, string schoolId)
    {
        var person = await people.GetAsync(context.User);
        if (person is not null && requirement.AnyOf.Any(role => person.Holds(role, schoolId)))
        {
            context.Succeed(requirement);
        }
    }
}
