using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.CheckIns;

public sealed record OpenedRound(CheckInRound Round, int CardsQueued, IReadOnlyList<string> SchoolsWithoutSenco);

/// <summary>
/// Opens a half-term's round with the current template and sends every SENCO a card for each school
/// they serve, in one transaction: the round and its cards exist together or not at all.
/// </summary>
public sealed partial class OpenCheckInRound(SencoHubDb db, DirectoryService directory, CalendarService calendar, Outbox outbox, TimeProvider clock, ILogger<OpenCheckInRound> logger)
{
    /// <param name="openedBy">The SEND lead, or null when the term calendar opens it.</param>
    public async Task<OpenedRound> OpenAsync(string? academicYear, string? halfTerm, string? closesOn, SignedInPerson? openedBy, CancellationToken cancellationToken = default)
    {
        if (openedBy is { IsSendLead: false })
        {
            throw ProblemException.Forbidden("Only the SEND lead opens check-in rounds.");
        }

        var errors = new Dictionary<string, string[]>();
        academicYear = academicYear?.Trim() ?? string.Empty;
        if (!HalfTerm.IsValidAcademicYear(academicYear))
        {
            errors["academicYear"] = ["Give the academic year like 2026-27."];
        }

        if (!Enum.TryParse<HalfTermName>(halfTerm?.Trim(), ignoreCase: true, out var name) || !Enum.IsDefined(name) || int.TryParse(halfTerm, out _))
        {
            errors["halfTerm"] = [$"Give the half-term as one of {string.Join(", ", Enum.GetNames<HalfTermName>())}."];
        }

        var terms = await calendar.LoadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = terms.LocalDate(now);
        if (!DateOnly.TryParseExact(closesOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
        {
            errors["closesOn"] = ["Give the closing date like 2026-12-11."];
        }
        else if (closes < today)
        {
            errors["closesOn"] = ["The closing date has already passed."];
        }
        else if (closes > today.AddYears(1))
        {
            errors["closesOn"] = ["The closing date is more than a year away."];
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }

        if (await db.Set<CheckInRound>().AnyAsync(r => r.AcademicYear == academicYear && r.HalfTerm == name, cancellationToken))
        {
            throw ProblemException.Conflict($"{name.Display()} {academicYear} already has a check-in round.");
        }

        var template = await db.CurrentCheckInTemplateAsync(cancellationToken)
            ?? throw ProblemException.Conflict("There is no check-in template yet.");
        var schools = await directory.ListSchoolsAsync(cancellationToken);
        if (schools.Count == 0)
        {
            throw ProblemException.Conflict("The trust directory has no schools yet.");
        }

        var round = CheckInRound.Open(academicYear, name, closes, template, schools.Select(s => s.Id), openedBy?.Name, now, today);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(round);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw ProblemException.Conflict($"{round.DisplayName} already has a check-in round.");
        }

        var sencos = (await directory.HoldersOfAsync(Role.Senco, cancellationToken)).ToLookup(h => h.SchoolId);
        var cards = 0;
        var withoutSenco = new List<string>();
        foreach (var school in schools)
        {
            if (!sencos[school.Id].Any())
            {
                withoutSenco.Add(school.Name);
            }

            var context = new CheckInCardContext(round.Id, round.DisplayName, round.ClosesOn, school.Id, school.Name, template.Definition);
            var message = CheckInCards.Survey(context, new Dictionary<string, string>()).ToMessage($"SEND check-in for {school.Name}");
            foreach (var senco in sencos[school.Id])
            {
                // The card is tracked by the same key that makes it once-only.
                var key = CardTrackingKey(round.Id, school.Id, senco.AadObjectId);
                cards += await outbox.ToPersonAsync(senco.AadObjectId, message, idempotencyKey: key, topic: "checkins.card",
                    trackingKey: key, cancellationToken: cancellationToken) ? 1 : 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRoundOpened(logger, round.Id, round.DisplayName, schools.Count, cards);
        return new OpenedRound(round, cards, withoutSenco);
    }

    /// <summary>The card a SENCO was sent for a school, so it can be updated once they answer.</summary>
    public static string CardTrackingKey(int roundId, string schoolId, string aadObjectId) => $"checkins:{roundId}:card:{schoolId}:{aadObjectId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened check-in round {RoundId} ({Round}) for {Schools} schools; {Cards} cards queued")]
    private static partial void LogRoundOpened(ILogger logger, int roundId, string round, int schools, int cards);
}
