using System.Globalization;
using SencoHub.Teams.Cards;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

/// <summary>What a check-in card is about: one round, one school, the round's own survey.</summary>
public sealed record CheckInCardContext(int RoundId, string RoundName, DateOnly ClosesOn, string SchoolId, string SchoolName, SurveyDefinition Survey)
{
    public object ActionData => new { round = RoundId, school = SchoolId };
}

/// <summary>
/// The check-in's cards. Text people typed (answers, names) is escaped; the survey's labels are the
/// SEND lead's own and go into plain-text properties (input labels, choice titles).
/// </summary>
public static class CheckInCards
{
    public const string SubmitVerb = "checkins.submit";
    public const string EditVerb = "checkins.edit";

    public static string ReceivedText(DateOnly closesOn) => $"Received — you can change your answers until {UkDates.Format(closesOn)}";

    public static AdaptiveCard Survey(CheckInCardContext context, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string>? errors = null, string? note = null)
    {
        var card = new AdaptiveCard { FallbackText = $"SEND check-in for {context.SchoolName}, {context.RoundName}" };
        card.Body.Add(new TextBlock($"SEND check-in: {CardText.Escape(context.RoundName)}") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock($"For **{CardText.Escape(context.SchoolName)}**") { Size = TextSize.Medium, Spacing = Spacing.Small });
        card.Body.Add(new TextBlock($"Answer by {UkDates.Format(context.ClosesOn)}. School-level counts and your professional view only: never pupils' names or identifiers.") { IsSubtle = true });
        if (note is not null)
        {
            card.Body.Add(new TextBlock(CardText.Escape(note)));
        }

        if (errors is { Count: > 0 })
        {
            card.Body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items =
                {
                    new TextBlock(errors.Count == 1 ? "One answer needs changing. Nothing has been saved yet." : $"{errors.Count} answers need changing. Nothing has been saved yet.")
                    {
                        Weight = TextWeight.Bolder, Color = TextColor.Attention,
                    },
                },
            });
        }

        foreach (var section in context.Survey.Sections)
        {
            card.Body.Add(new TextBlock(CardText.Escape(section.Title)) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
            if (section.Help is { } sectionHelp)
            {
                card.Body.Add(new TextBlock(CardText.Escape(sectionHelp)) { IsSubtle = true, Spacing = Spacing.Small });
            }

            foreach (var question in section.Questions)
            {
                card.Body.Add(Input(question, values.GetValueOrDefault(question.Id)));
                if (question.Help is { } help)
                {
                    card.Body.Add(new TextBlock(CardText.Escape(help)) { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Small });
                }

                // Our own words, so not escaped; what the person typed is.
                if (errors?.GetValueOrDefault(question.Id) is { } error)
                {
                    if (question.Type == QuestionType.Number && values.GetValueOrDefault(question.Id) is { Length: > 0 } typed && ShowableNumber(typed) is null)
                    {
                        // A number input cannot hold what was typed, so the message repeats it.
                        error += $" You entered \"{CardText.Escape(typed.Length > 40 ? typed[..40] + "…" : typed)}\".";
                    }

                    card.Body.Add(new TextBlock(error) { Color = TextColor.Attention, Weight = TextWeight.Bolder, Spacing = Spacing.Small });
                }
            }
        }

        card.Body.Add(new ActionSet
        {
            Spacing = Spacing.Large,
            Actions =
            {
                new ExecuteAction("Send check-in", SubmitVerb)
                {
                    Id = "submit",
                    Data = context.ActionData,
                    Fallback = SubmitAction.ForVerb("Send check-in", SubmitVerb, context.ActionData),
                },
            },
        });
        return card;
    }

    public static CardInput Input(SurveyQuestion question, string? value)
    {
        var id = CheckInForm.InputId(question);
        CardInput input;
        switch (question.Type)
        {
            case QuestionType.Number:
                var (min, max) = (question.Min ?? 0, question.Max ?? SurveyDefinition.MaxCount);
                input = new NumberInput(id)
                {
                    Min = min,
                    Max = max,
                    Value = ShowableNumber(value),
                    ErrorMessage = $"Enter a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}.",
                };
                break;
            case QuestionType.Rating:
                var scale = question.Scale ?? [];
                var rating = new ChoiceSetInput(id) { Style = scale.Count <= 5 ? ChoiceInputStyle.Expanded : ChoiceInputStyle.Compact, Value = value };
                for (var point = 1; point <= scale.Count; point++)
                {
                    rating.Add($"{point} – {scale[point - 1]}", point.ToString(CultureInfo.InvariantCulture));
                }

                input = rating;
                break;
            case QuestionType.Single or QuestionType.Multiple:
                var options = question.Options ?? [];
                var choice = new ChoiceSetInput(id)
                {
                    IsMultiSelect = question.Type == QuestionType.Multiple ? true : null,
                    Style = options.Count <= 8 ? ChoiceInputStyle.Expanded : ChoiceInputStyle.Compact,
                    Value = value,
                };
                foreach (var option in options)
                {
                    choice.Add(option.Label, option.Value);
                }

                input = choice;
                break;
            case QuestionType.YesNo:
                input = new ChoiceSetInput(id) { Style = ChoiceInputStyle.Expanded, Value = value }.Add("Yes", "yes").Add("No", "no");
                break;
            default:
                input = new TextInput(id)
                {
                    IsMultiline = question.Type == QuestionType.Long ? true : null,
                    MaxLength = SurveyDefinition.MaxTextLength,
                    Value = value,
                };
                break;
        }

        input.Label = question.Label;
        input.IsRequired = question.Required ? true : null;
        input.ErrorMessage ??= CheckInForm.RequiredMessage(question);
        return input;
    }

    /// <summary>A typed number an <c>Input.Number</c> can show again: plain digits, never an exponent or infinity.</summary>
    private static double? ShowableNumber(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1_000_000_000 ? (double)number : null;

    /// <summary>What the SENCO sees once the answers are stored: until the round closes they can change them.</summary>
    public static AdaptiveCard Received(CheckInCardContext context, CheckInAnswers answers, string submittedBy, string submittedAt)
    {
        var card = new AdaptiveCard { FallbackText = ReceivedText(context.ClosesOn) };
        card.Body.Add(new TextBlock(ReceivedText(context.ClosesOn)) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Color = TextColor.Good, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock($"**{CardText.Escape(context.SchoolName)}**, SEND check-in {CardText.Escape(context.RoundName)}"));
        card.Body.Add(new TextBlock($"Sent by {CardText.Escape(submittedBy)}, {submittedAt}.") { IsSubtle = true, Spacing = Spacing.Small });
        var facts = new FactSet();
        foreach (var question in context.Survey.Questions)
        {
            if (answers.Describe(question) is { } answer)
            {
                facts.Add(CardText.Escape(question.Label), CardText.Escape(answer.Length > 200 ? answer[..200] + "…" : answer));
            }
        }

        if (facts.Facts.Count > 0)
        {
            card.Body.Add(facts);
        }

        card.Body.Add(new ActionSet { Actions = { new ExecuteAction("Change my answers", EditVerb) { Data = context.ActionData } } });
        return card;
    }

    public static AdaptiveCard Reminder(CheckInCardContext context, bool closesToday)
    {
        var card = new AdaptiveCard { FallbackText = $"Reminder: SEND check-in for {context.SchoolName}" };
        card.Body.Add(new TextBlock($"Reminder: SEND check-in for {CardText.Escape(context.SchoolName)}") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock(closesToday
            ? $"The {CardText.Escape(context.RoundName)} check-in closes today. Your answers help the trust plan support for every school."
            : $"The {CardText.Escape(context.RoundName)} check-in closes on {UkDates.Format(context.ClosesOn)}. Your answers help the trust plan support for every school."));
        card.Body.Add(new ActionSet { Actions = { new ExecuteAction("Answer the check-in", EditVerb) { Data = context.ActionData } } });
        return card;
    }

    /// <summary>For the SENCO network channel when a round closes: what to talk about at the next meeting.</summary>
    /// <param name="openUntil">For a round still open (a summary so far, asked for in a channel): its closing date.</param>
    public static AdaptiveCard Summary(RoundSummary summary, string resultsUrl, DateOnly? openUntil = null)
    {
        var title = openUntil is { } closes
            ? $"Check-in so far: {summary.RoundName} (open until {UkDates.Format(closes)})"
            : $"Check-in closed: {summary.RoundName}";
        var card = new AdaptiveCard { FallbackText = title };
        card.Body.Add(new TextBlock(CardText.Escape(title)) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new FactSet().Add("Response rate", $"{summary.Responded} of {summary.Expected} schools ({summary.RatePercent}%)"));
        card.Body.Add(new TextBlock("Support most wanted") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        card.Body.Add(new TextBlock(summary.TopSupport.Count == 0
            ? "No school asked for support."
            : string.Join("\n", summary.TopSupport.Select(s => $"- {CardText.Escape(s.Label)}: {Schools(s.Count)}"))));
        card.Body.Add(new TextBlock("Areas most often rated lowest") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        card.Body.Add(new TextBlock(summary.LowestAreas.Count == 0
            ? "No school rated one area below its others."
            : string.Join("\n", summary.LowestAreas.Select(a => $"- {CardText.Escape(a.Label)}: lowest for {Schools(a.Count)}"))));
        card.Actions.Add(new OpenUrlAction("See the results", resultsUrl));
        return card;
    }

    public static AdaptiveCard Status(IReadOnlyList<RoundStatus> open, string dashboardUrl)
    {
        var card = new AdaptiveCard { FallbackText = "SEND check-ins" };
        card.Body.Add(new TextBlock("SEND check-ins") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        if (open.Count == 0)
        {
            card.Body.Add(new TextBlock("No check-in is open now. Open one from the check-ins tab."));
        }

        foreach (var round in open)
        {
            card.Body.Add(new TextBlock($"**{CardText.Escape(round.RoundName)}**: {round.Responded} of {round.Expected} schools have answered; it closes on {UkDates.Format(round.ClosesOn)}."));
        }

        card.Actions.Add(new OpenUrlAction("Open check-ins", dashboardUrl));
        return card;
    }

    private static string Schools(int count) => count == 1 ? "1 school" : $"{count} schools";
}

public sealed record RoundStatus(int RoundId, string RoundName, DateOnly ClosesOn, int Responded, int Expected);
