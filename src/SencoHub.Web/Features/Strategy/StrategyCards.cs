using Microsoft.Extensions.Options;
using SencoHub.Teams.Cards;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Strategy;

/// <summary>
/// Every card the strategy sends. Text people typed (titles, owners, names, school names) is
/// escaped; the vision itself stays in the tab, so a card stays small whatever the strategy says.
/// </summary>
public sealed class StrategyCards(AppLinks links, IOptions<ScheduleOptions> schedule)
{
    public const string AcknowledgeVerb = "strategy.acknowledge";

    private TimeZoneInfo Zone => schedule.Value.ResolveTimeZone();

    /// <summary>The personal card for a headteacher: the strategy and an Acknowledge button for their schools.</summary>
    public AdaptiveCard ForHeadteacher(StrategyVersionView version, IReadOnlyList<string> schoolNames)
    {
        var card = Start(version);
        card.Body.Add(new TextBlock($"Please read it and acknowledge it for {CardText.Escape(JoinNames(schoolNames))}.") { Spacing = Spacing.Medium });
        AddPriorities(card, version);
        card.Actions.Add(Acknowledge(version));
        card.Actions.Add(OpenStrategy("Open the strategy"));
        return card;
    }

    /// <summary>The personal card for a SENCO (or anyone else reading it): no button to press.</summary>
    public AdaptiveCard ForReader(StrategyVersionView version)
    {
        var card = Start(version);
        card.Body.Add(new TextBlock("The trust has published its SEND strategy. Your headteacher acknowledges it for your school.") { Spacing = Spacing.Medium });
        AddPriorities(card, version);
        card.Actions.Add(OpenStrategy("Open the strategy"));
        return card;
    }

    /// <summary>The SENCO network channel's post: the same summary, and where headteachers acknowledge.</summary>
    public AdaptiveCard ForChannel(StrategyVersionView version)
    {
        var card = Start(version);
        card.Body.Add(new TextBlock("A new version of the trust SEND strategy is published. Headteachers acknowledge it from the card SencoHub sends them personally.") { Spacing = Spacing.Medium });
        AddPriorities(card, version);
        card.Actions.Add(OpenStrategy("Open the strategy"));
        return card;
    }

    /// <summary>What the Acknowledge press returns: the same card, with who acknowledged it and when instead of the button.</summary>
    public AdaptiveCard Acknowledged(StrategyVersionView version, string by, DateTimeOffset at)
    {
        var card = Start(version);
        card.Body.Add(new Container
        {
            Style = ContainerStyle.Good,
            Spacing = Spacing.Medium,
            Items = { new TextBlock($"Acknowledged by {CardText.Escape(by)}, {UkDates.Format(at, Zone)}") { Weight = TextWeight.Bolder, Color = TextColor.Good } },
        });
        AddPriorities(card, version);
        card.Actions.Add(OpenStrategy("Open the strategy"));
        return card;
    }

    /// <summary>Replaces every card of an older version, and answers a press on one: it points to the current version.</summary>
    public AdaptiveCard Superseded(StrategyVersionView version, StrategyVersionView? current)
    {
        var card = new AdaptiveCard { FallbackText = $"Version {version.Number} of the trust SEND strategy has been superseded." };
        card.Body.Add(new TextBlock("Trust SEND strategy") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(CardText.Escape(version.Title)) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new Container
        {
            Style = ContainerStyle.Warning,
            Items = { new TextBlock($"Version {version.Number} has been superseded.") { Weight = TextWeight.Bolder } },
        });
        card.Body.Add(new TextBlock(current is { PublishedAt: { } published }
            ? $"The current strategy is version {current.Number}, \"{CardText.Escape(current.Title)}\", published on {UkDates.Format(published, Zone)}. Please read that one instead."
            : "Please read the current strategy instead."));
        card.Actions.Add(OpenStrategy(current is null ? "Open the strategy" : $"Open version {current.Number}"));
        return card;
    }

    /// <summary>The school-day reminder for a headteacher who has not acknowledged yet.</summary>
    public AdaptiveCard Nudge(StrategyVersionView version, IReadOnlyList<string> schoolNames)
    {
        var card = new AdaptiveCard { FallbackText = $"Reminder: please acknowledge version {version.Number} of the trust SEND strategy." };
        card.Body.Add(new TextBlock("Reminder: the trust SEND strategy is waiting for you") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock(
            $"Version {version.Number}, \"{CardText.Escape(version.Title)}\", was published on {Published(version)}. Please read it and acknowledge it for {CardText.Escape(JoinNames(schoolNames))}."));
        var facts = new FactSet();
        foreach (var (area, priorities) in version.ByReviewArea())
        {
            facts.Facts.Add(new Fact(area.Display(), priorities.Count == 1 ? "1 priority" : $"{priorities.Count} priorities"));
        }

        card.Body.Add(facts);
        card.Actions.Add(Acknowledge(version));
        card.Actions.Add(OpenStrategy("Open the strategy"));
        return card;
    }

    private AdaptiveCard Start(StrategyVersionView version)
    {
        // Fallback text is plain (it cannot be escaped for Markdown), so it carries nobody's words.
        var card = new AdaptiveCard { FallbackText = $"Trust SEND strategy, version {version.Number}" };
        card.Body.Add(new TextBlock("Trust SEND strategy") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(CardText.Escape(version.Title)) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock($"Version {version.Number} · published {Published(version)}{(version.PublishedBy is { } by ? " by " + CardText.Escape(by) : string.Empty)}") { IsSubtle = true, Spacing = Spacing.None });
        return card;
    }

    private static void AddPriorities(AdaptiveCard card, StrategyVersionView version)
    {
        card.Body.Add(new TextBlock("Priorities by review area") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });
        foreach (var (area, priorities) in version.ByReviewArea())
        {
            card.Body.Add(new TextBlock(area.Display()) { Weight = TextWeight.Bolder, Color = TextColor.Accent, Spacing = Spacing.Small });
            card.Body.Add(new TextBlock(string.Join("\n", priorities.Select(Line))) { Spacing = Spacing.None });
        }
    }

    private static string Line(StrategyPriorityView priority)
    {
        var when = priority.Timeframe == 1 ? "1 half-term" : $"{priority.Timeframe} half-terms";
        var owner = string.IsNullOrEmpty(priority.Owner) ? string.Empty : CardText.Escape(priority.Owner) + ", ";
        return $"- **{CardText.Escape(priority.Title)}** ({owner}{when})";
    }

    private static ExecuteAction Acknowledge(StrategyVersionView version)
    {
        var data = new { versionId = version.Id };
        return new ExecuteAction("Acknowledge", AcknowledgeVerb)
        {
            Data = data,
            Fallback = SubmitAction.ForVerb("Acknowledge", AcknowledgeVerb, data),
        };
    }

    private OpenUrlAction OpenStrategy(string title) => new(title, links.Tab("strategy", "/strategy"));

    private string Published(StrategyVersionView version) => version.PublishedAt is { } at ? UkDates.Format(at, Zone) : "(not yet published)";

    private static string JoinNames(IReadOnlyList<string> names) => names.Count == 0 ? "your school" : EnglishList.Join(names);
}
