using System.Globalization;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Cards;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

/// <summary>What the person a card is for may press on it.</summary>
public sealed record CardAudience(bool CanAcknowledge, bool CanUpdate)
{
    public static CardAudience ReadOnly { get; } = new(false, false);

    public static CardAudience For(SignedInPerson? person, ActionView action, AssignmentView school) => person is null || action.State == ActionState.Withdrawn
        ? ReadOnly
        : new(person.Holds(action.OwnerRole.ToRole(), school.SchoolId) && !school.Acknowledged,
            person.HoldsAny(school.SchoolId, Role.Headteacher, Role.Senco));
}

public enum ReminderKind
{
    DueSoon,
    Overdue,
}

/// <summary>One line of the SEND lead's escalation digest.</summary>
public sealed record EscalationLine(ActionView Action, AssignmentView School, int SchoolDaysOverdue);

/// <summary>
/// Every card the action tracker sends. People's words (titles, detail, notes, names) are escaped and
/// shortened on cards (the tab has them in full), so a card stays small whatever was typed.
/// </summary>
public sealed class ActionCards(AppLinks links, IOptions<ScheduleOptions> schedule)
{
    public const string AcknowledgeVerb = "actions.acknowledge";
    public const string UpdateVerb = "actions.update";
    public const string OutOfDate = "This card is out of date. Type \"actions\" to see your school's current actions.";

    // Worst case (every character escaped) these keep a card near 30 KB, and a compact one (several in a
    // reply to "actions") near 12 KB, so a reply stays under Teams' ~80 KB message size.
    private const int DetailOnCard = 1_000;
    private const int NoteOnCard = 250;
    private const int NameOnCard = 80;
    private const int DetailCompact = 300;
    private const int NoteCompact = 150;
    private const int DigestLines = 10;
    private const int TitleInList = 100;

    private TimeZoneInfo Zone => schedule.Value.ResolveTimeZone();

    /// <summary>The card for one school's part: the action, its status, the latest updates, and the buttons this person may use.</summary>
    /// <param name="compact">Shorter detail and only the latest update: for several cards in one message.</param>
    public AdaptiveCard ForSchool(ActionView action, AssignmentView school, CardAudience audience, ReminderKind? reminder = null, bool compact = false)
    {
        // Fallback text is plain (it cannot be escaped for Markdown), so it carries nobody's words.
        var card = new AdaptiveCard { FallbackText = $"A trust SEND action for your school, due {UkDates.Format(action.DueOn)}" };
        card.Body.Add(new TextBlock($"Trust SEND action · {Name(school.SchoolName)}") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(CardText.Escape(action.Title)) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        if (Banner(action, school, reminder) is { } banner)
        {
            card.Body.Add(banner);
        }

        card.Body.Add(Facts(action));
        card.Body.Add(new TextBlock(CardText.Escape(Shorten(action.Detail, compact ? DetailCompact : DetailOnCard))) { Spacing = Spacing.Medium });
        card.Body.Add(StatusBlock(action, school));
        AddUpdates(card, school, compact ? 1 : ActionLimits.UpdatesOnCard, compact ? NoteCompact : NoteOnCard);
        if (audience.CanAcknowledge)
        {
            card.Actions.Add(Execute("Acknowledge", AcknowledgeVerb, action, school));
        }

        if (audience.CanUpdate)
        {
            card.Actions.Add(new ShowCardAction("Update progress", UpdateForm(action, school)));
        }

        card.Actions.Add(new OpenUrlAction("Open in SencoHub", links.Tab("actions", $"/actions/{action.Id}")));
        return card;
    }

    /// <summary>The SEND lead's morning digest: school parts newly overdue past the escalation point.</summary>
    public AdaptiveCard Escalations(IReadOnlyList<EscalationLine> lines, int escalatedEarlier, int afterSchoolDays)
    {
        var card = new AdaptiveCard { FallbackText = $"{lines.Count} overdue action(s) escalated to you today" };
        card.Body.Add(new TextBlock("Trust SEND actions") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(lines.Count == 1 ? "1 action is escalated to you" : $"{lines.Count} actions are escalated to you")
        {
            Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None,
        });
        card.Body.Add(new TextBlock($"These have been overdue for {afterSchoolDays} school days or more, and their schools have been reminded."));
        foreach (var line in lines.Take(DigestLines))
        {
            card.Body.Add(new Container
            {
                Separator = true,
                Spacing = Spacing.Medium,
                Items =
                {
                    new TextBlock($"**{Name(line.School.SchoolName)}**: {CardText.Escape(Shorten(line.Action.Title, TitleInList))}"),
                    new TextBlock($"Due {UkDates.Format(line.Action.DueOn)}, {line.SchoolDaysOverdue} school days overdue · {line.School.Status.Display()} · " +
                        (line.School.Acknowledged ? "acknowledged" : "not acknowledged")) { IsSubtle = true, Spacing = Spacing.None },
                },
                SelectAction = new OpenUrlAction("Open the action", links.Tab("actions", $"/actions/{line.Action.Id}")),
            });
        }

        if (lines.Count > DigestLines)
        {
            card.Body.Add(new TextBlock($"And {lines.Count - DigestLines} more: see the overdue actions in SencoHub.") { Spacing = Spacing.Medium });
        }

        if (escalatedEarlier > 0)
        {
            card.Body.Add(new TextBlock(escalatedEarlier == 1
                ? "1 school's action escalated earlier is still overdue."
                : $"{escalatedEarlier} schools' actions escalated earlier are still overdue.") { Spacing = Spacing.Medium, IsSubtle = true });
        }

        card.Actions.Add(new OpenUrlAction("Open the overdue actions", links.Tab("actions", "/actions/tracker?overdue=true")));
        return card;
    }

    /// <summary>For the trust-wide roles and for chats: counts and the most urgent, no buttons.</summary>
    public AdaptiveCard Summary(string heading, IReadOnlyList<ActionView> actions, int shown)
    {
        var open = actions.Where(a => a.State == ActionState.Open).ToList();
        var overdue = open.Sum(a => a.Schools.Count(s => s.Overdue));
        var card = new AdaptiveCard { FallbackText = $"{open.Count} open action(s), {overdue} overdue school part(s)" };
        card.Body.Add(new TextBlock("Trust SEND actions") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(CardText.Escape(heading)) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new FactSet().Add("Open actions", open.Count.ToString(CultureInfo.InvariantCulture)).Add("Overdue (schools)", overdue.ToString(CultureInfo.InvariantCulture)));
        foreach (var action in open.Take(shown))
        {
            var late = action.Schools.Where(s => s.Overdue).Select(s => s.SchoolName).ToList();
            card.Body.Add(new Container
            {
                Separator = true,
                Items =
                {
                    new TextBlock($"**{CardText.Escape(Shorten(action.Title, TitleInList))}**"),
                    new TextBlock($"Due {UkDates.Format(action.DueOn)} · {action.Priority} priority · {action.DoneCount} of {action.Schools.Count} done" +
                        (late.Count > 0 ? $" · overdue at {Name(EnglishList.Join(late))}" : string.Empty)) { IsSubtle = true, Spacing = Spacing.None },
                },
                SelectAction = new OpenUrlAction("Open the action", links.Tab("actions", $"/actions/{action.Id}")),
            });
        }

        if (open.Count > shown)
        {
            card.Body.Add(new TextBlock($"And {open.Count - shown} more in SencoHub.") { IsSubtle = true });
        }

        card.Actions.Add(new OpenUrlAction("Open the actions", links.Tab("actions", "/actions")));
        return card;
    }

    private Container? Banner(ActionView action, AssignmentView school, ReminderKind? reminder)
    {
        if (action.State == ActionState.Withdrawn)
        {
            var reason = string.IsNullOrEmpty(action.WithdrawnReason) ? string.Empty : $": {CardText.Escape(action.WithdrawnReason)}";
            return Box(ContainerStyle.Warning,
                $"Withdrawn by {Name(action.WithdrawnBy)} on {(action.WithdrawnAt is { } at ? UkDates.Format(at, Zone) : string.Empty)}{reason}. Nothing more is needed.");
        }

        if (school.Status == AssignmentStatus.Done)
        {
            return Box(ContainerStyle.Good, "Done. Thank you.");
        }

        return (reminder, school.Overdue) switch
        {
            (_, true) => Box(ContainerStyle.Attention, $"Overdue: this was due on {UkDates.Format(action.DueOn)}. Please update its progress."),
            (ReminderKind.DueSoon, _) => Box(ContainerStyle.Warning, $"Reminder: this is due on {UkDates.Format(action.DueOn)}."),
            _ => null,
        };
    }

    private static Container Box(ContainerStyle style, string text) => new()
    {
        Style = style,
        Spacing = Spacing.Medium,
        Items = { new TextBlock(text) { Weight = TextWeight.Bolder } },
    };

    private FactSet Facts(ActionView action)
    {
        var facts = new FactSet()
            .Add("Due", UkDates.Format(action.DueOn))
            .Add("Priority", action.Priority.ToString())
            .Add("Review area", action.ReviewAreaName);
        if (action.StrategyPriority is { } linked)
        {
            facts.Add("Strategy priority", CardText.Escape(linked.Title));
        }

        facts.Add("Owner", action.OwnerRole.Display());
        facts.Add("Set by", $"{Name(action.CreatedBy)}, {UkDates.Format(action.CreatedAt, Zone)}");
        return facts;
    }

    private Container StatusBlock(ActionView action, AssignmentView school) => new()
    {
        Separator = true,
        Spacing = Spacing.Medium,
        Items =
        {
            new TextBlock($"Status: {school.Status.Display()}") { Weight = TextWeight.Bolder, Color = school.Overdue ? TextColor.Attention : TextColor.Default },
            new TextBlock(school.AcknowledgedAt is { } at
                ? $"Acknowledged by {Name(school.AcknowledgedBy)}, {UkDates.Format(at, Zone)}"
                : $"Not yet acknowledged by the {(action.OwnerRole == ActionOwnerRole.Senco ? "SENCO" : "headteacher")}") { IsSubtle = true, Spacing = Spacing.None },
        },
    };

    private void AddUpdates(AdaptiveCard card, AssignmentView school, int count, int noteLength)
    {
        var updates = (school.Updates ?? (school.LatestUpdate is { } latest ? [latest] : [])).Take(count).ToList();
        if (updates.Count == 0)
        {
            return;
        }

        card.Body.Add(new TextBlock("Latest updates") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        foreach (var update in updates)
        {
            var items = new Container { Spacing = Spacing.Small };
            items.Items.Add(new TextBlock($"**{update.Status.Display()}** · {Name(update.By)}, {UkDates.FormatWithTime(update.At, Zone)}"));
            if (update.Note.Length > 0)
            {
                items.Items.Add(new TextBlock(CardText.Escape(Shorten(update.Note, noteLength))) { Spacing = Spacing.None });
            }

            if (update.EvidenceUrl is { } evidence)
            {
                items.Items.Add(new TextBlock($"Evidence: {CardText.Escape(Shorten(evidence, noteLength))}") { IsSubtle = true, Spacing = Spacing.None });
            }

            card.Body.Add(items);
        }
    }

    private static AdaptiveCard UpdateForm(ActionView action, AssignmentView school)
    {
        var status = new ChoiceSetInput("status")
        {
            Label = "Status",
            IsRequired = true,
            ErrorMessage = "Choose the status.",
            Value = school.Status.ToString(),
            Style = ChoiceInputStyle.Compact,
        };
        foreach (var choice in Enum.GetValues<AssignmentStatus>())
        {
            status.Add(choice.Display(), choice.ToString());
        }

        var form = new AdaptiveCard();
        form.Body.Add(status);
        form.Body.Add(new TextInput("note")
        {
            Label = "Note (optional)",
            IsMultiline = true,
            MaxLength = ActionLimits.NoteLength,
            Placeholder = "What has happened, what is next, what would help. No pupil names or identifiers.",
        });
        form.Body.Add(new TextInput("evidenceUrl")
        {
            Label = "Evidence link (optional)",
            Style = TextInputStyle.Url,
            MaxLength = ActionLimits.EvidenceUrlLength,
            Placeholder = "https://…",
            Regex = "^https://\\S+$",
            ErrorMessage = "The evidence link must start with https://",
        });
        form.Actions.Add(Execute("Save update", UpdateVerb, action, school));
        return form;
    }

    private static ExecuteAction Execute(string title, string verb, ActionView action, AssignmentView school)
    {
        var data = new { actionId = action.Id, schoolId = school.SchoolId };
        return new ExecuteAction(title, verb) { Data = data, Fallback = SubmitAction.ForVerb(title, verb, data) };
    }

    /// <summary>People's and schools' names, from the directory: escaped, and shortened so a card's size stays bounded.</summary>
    private static string Name(string? name) => CardText.Escape(Shorten(name ?? string.Empty, NameOnCard));

    /// <summary>Shortened on a whole character (never half a surrogate pair), with an ellipsis.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut].TrimEnd() + "…";
    }
}
