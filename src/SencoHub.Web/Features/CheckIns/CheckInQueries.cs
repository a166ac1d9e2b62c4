using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>Reads several use cases share.</summary>
public static class CheckInQueries
{
    public static Task<CheckInTemplate?> CurrentCheckInTemplateAsync(this SencoHubDb db, CancellationToken cancellationToken = default) =>
        db.Set<CheckInTemplate>().OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);

    public static async Task<CheckInRound> FindCheckInRoundAsync(this SencoHubDb db, int id, CancellationToken cancellationToken = default) =>
        await db.Set<CheckInRound>().Include(r => r.Template).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw ProblemException.NotFound("That check-in round");

    /// <summary>
    /// The schools whose check-ins someone may read: every school for the SEND lead and trustees,
    /// their own school(s) for SENCOs and headteachers; nobody else reads check-ins.
    /// </summary>
    public static IReadOnlyCollection<string>? ReadableSchools(SignedInPerson person) =>
        person.HasTrustWideRead ? null : [.. person.SchoolsWhere(Role.Senco).Concat(person.SchoolsWhere(Role.Headteacher)).Distinct()];

    public static bool CanReadCheckIns(SignedInPerson person) => ReadableSchools(person) is not { Count: 0 };

    public const string OnlyReadersMessage = "Check-in results are for SENCOs, headteachers, the SEND lead and trustees.";

    public static void EnsureCanReadCheckIns(SignedInPerson person)
    {
        if (!CanReadCheckIns(person))
        {
            throw ProblemException.Forbidden(OnlyReadersMessage);
        }
    }
}
