using System.Security.Claims;

namespace SencoHub.Web.Platform.Auth;

public static class SignInClaims
{
    public const string ObjectIdType = "oid";
    private const string LongObjectIdType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public static string? ObjectId(ClaimsPrincipal user) =>
        user.FindFirst(ObjectIdType)?.Value ?? user.FindFirst(LongObjectIdType)?.Value;

    public static ClaimsPrincipal ForCookie(SignedInPerson person, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ObjectIdType, person.AadObjectId), new Claim(ClaimTypes.Name, person.Name)],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
