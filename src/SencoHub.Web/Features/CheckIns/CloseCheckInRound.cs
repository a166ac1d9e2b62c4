using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Delivery;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// Closes a round (the SEND lead early, or the schedule after its closing date) and posts the
/// summary card to the SENCO network channel, once.
/// </summary>
public sealed partial class CloseCheckInRound(SencoHubDb db, Outbox outbox, AppLinks links, TimeProvider clock, ILogger<CloseCheckInRound> logger)
{
    /// <param name="closedBy">The SEND lead, or null for the schedule.</param>
    public async Task<CheckInRound> CloseAsync(int roundId, SignedInPerson? closedBy, CancellationToken cancellationToken = default)
    {
        if (closedBy is { IsSendLead: false })
        {
            throw ProblemException.Forbidden("Only the SEND lead closes check-in rounds.");
        }

        var round = await db.FindCheckInRoundAsync(roundId, cancellationToken);
        if (!round.Close(clock.GetUtcNow()))
        {
            return round;
        }

        var responses = await db.Set<CheckInResponse>().AsNoTracking().Where(r => r.RoundId == round.Id).ToListAsync(cancellationToken);
        var summary = CheckInResultsBuilder.Summarise(RoundAnswers.From(round, responses));
        var card = CheckInCards.Summary(summary, links.Tab("checkins", $"/checkins?round={round.Id}"));
        await outbox.ToNetworkChannelAsync(card.ToMessage($"Check-in closed: {round.DisplayName}"), $"checkins:{round.Id}:summary", "checkins.summary",
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogRoundClosed(logger, round.Id, summary.Responded, summary.Expected);
        return round;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed check-in round {RoundId}; {Responded} of {Expected} schools answered")]
    private static partial void LogRoundClosed(ILogger logger, int roundId, int responded, int expected);
}
