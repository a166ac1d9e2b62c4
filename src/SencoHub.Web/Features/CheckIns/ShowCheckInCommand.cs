using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>
/// <c>check-in</c>: a SENCO gets their open check-in card for each school they serve (filled in if
/// already sent), or hears when the next one opens; the SEND lead gets how the open rounds are going.
/// </summary>
public sealed class ShowCheckInCommand(SencoHubDb db, DirectoryService directory, CalendarService calendar, AppLinks links, IOptions<CheckInOptions> options, TimeProvider clock) : IBotCommand
{
    public async Task HandleAsync(BotTurn turn, CommandRequest command, CancellationToken cancellationToken)
    {
        var person = turn.Person!;
        var terms = await calendar.LoadAsync(cancellationToken);
        var today = terms.LocalDate(clock.GetUtcNow());
        var open = await db.Set<CheckInRound>().AsNoTracking().Include(r => r.Template)
            .Where(r => r.ClosedAt == null && r.ClosesOn >= today).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        var dashboard = links.Tab("checkins", "/checkins");
        if (turn.Activity.IsGroupConversation)
        {
            // A channel or group chat sees the trust-wide summary only, never a school's card or answers,
            // and only when the person asking may read check-ins at all: the API's and the page's rule.
            if (!CheckInQueries.CanReadCheckIns(person))
            {
                await turn.ReplyAsync(CheckInQueries.OnlyReadersMessage, cancellationToken);
                return;
            }

            await ReplySummaryAsync(turn, open, cancellationToken);
            return;
        }

        var sencoSchools = person.SchoolsWhere(Role.Senco);
        if (sencoSchools.Count > 0)
        {
            var names = (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
            var cards = new List<AdaptiveCard>();
            foreach (var round in open)
            {
                foreach (var school in sencoSchools.Where(round.Includes).OrderBy(s => names.GetValueOrDefault(s, s), StringComparer.CurrentCulture))
                {
                    var context = new CheckInCardContext(round.Id, round.DisplayName, round.ClosesOn, school, names.GetValueOrDefault(school, school), round.Template.Definition);
                    cards.Add(await EditCheckInFromCard.CardAsync(db, context, terms.TimeZone, cancellationToken));
                }
            }

            if (cards.Count > 0)
            {
                await turn.ReplyAsync(cards, cancellationToken, cards.Count == 1 ? "Your SEND check-in" : $"Your SEND check-ins ({cards.Count} schools)");
            }
            else
            {
                await turn.ReplyAsync(await NextRoundTextAsync(terms, today, cancellationToken), cancellationToken);
            }
        }

        if (person.IsSendLead)
        {
            var statuses = new List<RoundStatus>();
            foreach (var round in open)
            {
                var responded = await db.Set<CheckInResponse>().CountAsync(r => r.RoundId == round.Id, cancellationToken);
                statuses.Add(new RoundStatus(round.Id, round.DisplayName, round.ClosesOn, responded, round.SchoolIds.Count));
            }

            await turn.ReplyAsync(CheckInCards.Status(statuses, dashboard), cancellationToken, "SEND check-ins");
        }
        else if (sencoSchools.Count == 0)
        {
            await turn.ReplyAsync(CheckInQueries.CanReadCheckIns(person)
                ? $"Check-ins are answered by SENCOs. You can see your school's results in SencoHub: {dashboard}"
                : "Check-ins are answered by SENCOs, so there is nothing for you to fill in.", cancellationToken);
        }
    }

    private async Task ReplySummaryAsync(BotTurn turn, List<CheckInRound> open, CancellationToken cancellationToken)
    {
        var round = open.LastOrDefault()
            ?? await db.Set<CheckInRound>().AsNoTracking().Include(r => r.Template).OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (round is null)
        {
            await turn.ReplyAsync("No check-in round has been opened yet.", cancellationToken);
            return;
        }

        var responses = await db.Set<CheckInResponse>().AsNoTracking().Where(r => r.RoundId == round.Id).ToListAsync(cancellationToken);
        var summary = CheckInResultsBuilder.Summarise(RoundAnswers.From(round, responses));
        var card = CheckInCards.Summary(summary, links.Tab("checkins", $"/checkins?round={round.Id}"), open.Contains(round) ? round.ClosesOn : null);
        await turn.ReplyAsync(card, cancellationToken, $"Check-in: {round.DisplayName}");
    }

    private async Task<string> NextRoundTextAsync(TermCalendar terms, DateOnly today, CancellationToken cancellationToken)
    {
        var rounds = await db.Set<CheckInRound>().AsNoTracking().Select(r => new { r.AcademicYear, r.HalfTerm }).ToListAsync(cancellationToken);
        var next = terms.HalfTerms.Where(h => h.End >= today && !rounds.Any(r => r.AcademicYear == h.AcademicYear && r.HalfTerm == h.Name))
            .Select(h => (HalfTerm: h, Window: OpenScheduledRounds.Window(terms, h, options.Value)))
            .FirstOrDefault(h => h.Window is null || h.Window.Value.ClosesOn >= today);
        if (next.HalfTerm is null)
        {
            return "There is no check-in open for you now, and no term dates are entered for the coming half-terms yet.";
        }

        if (!options.Value.AutoOpen || next.Window is null)
        {
            return $"There is no check-in open for you now. The {next.HalfTerm.DisplayName} check-in opens when your SEND lead starts it; your card will arrive here.";
        }

        var opensOn = next.Window.Value.OpensOn < today ? today : next.Window.Value.OpensOn;
        return $"There is no check-in open for you now. The {next.HalfTerm.DisplayName} check-in opens on {UkDates.Format(opensOn)}; your card will arrive here.";
    }
}
