using System.Security.Claims;

namespace SencoHub.Web.Platform.Auth;

/// <summary>
/// The person behind a request, with roles read from the trust directory on every request —
/// never from anything the client sends.
/// </summary>
public sealed record SignedInPerson(int PersonId, string AadObjectId, string Name, string Email, IReadOnlyList<RoleGrant> Roles)
{
    public bool IsSendLead => Roles.Any(r => r.Role == Role.SendLead);

    /// <summary>SEND lead or trustee: may read every school.</summary>
    public bool HasTrustWideRead => Roles.Any(r => r.Role is Role.SendLead or Role.Trustee);

    public bool Holds(Role role, string schoolId) =>
        Roles.Any(r => r.Role == role && string.Equals(r.SchoolId, schoolId, StringComparison.Ordinal));

    public bool HoldsAny(string schoolId, params Role[] roles) => roles.Any(role => Holds(role, schoolId));

    public bool BelongsTo(string schoolId) => Roles.Any(r => string.Equals(r.SchoolId, schoolId, StringComparison.Ordinal));

    public bool CanSeeSchool(string schoolId) => HasTrustWideRead || BelongsTo(schoolId);

    public IReadOnlyList<string> SchoolIds => [.. Roles.Where(r => r.SchoolId is not null).Select(r => r.SchoolId!).Distinct()];

    public IReadOnlyList<string> SchoolsWhere(Role role) =>
        [.. Roles.Where(r => r.Role == role && r.SchoolId is not null).Select(r => r.SchoolId!).Distinct()];

    /// <summary>Minimal API binding: endpoints behind <see cref="Policies.SignedIn"/> always find the person.</summary>
    public static async ValueTask<SignedInPerson?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<PersonResolver>().GetAsync(context.User, context.RequestAborted);
}

/// <summary>Looks the signed-in person up in the directory, once per request.</summary>
public sealed class PersonResolver(IPersonDirectory directory)
{
    private (ClaimsPrincipal User, SignedInPerson? Person)? _cached;

    public async Task<SignedInPerson?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && ReferenceEquals(cached.User, user))
        {
            return cached.Person;
        }

        var objectId = user.Identity?.IsAuthenticated == true ? SignInClaims.ObjectId(user) : null;
        var person = objectId is null ? null : await directory.FindAsync(objectId, cancellationToken);
        _cached = (user, person);
        return person;
    }
}

/// <summary>The directory as the sign-in layer sees it; implemented by the Directory feature.</summary>
public interface IPersonDirectory
{
    Task<SignedInPerson?> FindAsync(string aadObjectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<SignedInPerson>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Whether anyone listed by email still waits to be linked (so a stranger is worth a members lookup).</summary>
    Task<bool> AnyWaitingForFirstSignInAsync(CancellationToken cancellationToken);

    /// <summary>Links an identity seen for the first time to the one person waiting under one of its sign-in names.</summary>
    Task<SignedInPerson?> LinkAsync(string aadObjectId, IReadOnlyCollection<string?> signInNames, CancellationToken cancellationToken);
}
