using SencoHub.Teams.Cards;

namespace SencoHub.Teams.Tests.Cards;

/// <summary>A card that uses every element, input and action the builder offers.</summary>
internal static class SampleCards
{
    public static AdaptiveCard EveryElement()
    {
        var card = new AdaptiveCard
        {
            FallbackText = "Check-in for Autumn 2",
            FullWidth = true,
            Refresh = new CardRefresh(new ExecuteAction("Refresh", "checkInView") { Data = new { roundId = "r42" } }) { UserIds = ["29:abc"] },
        };
        var mention = card.Mention("29:abc", "Jane Doe");
        card.Body.Add(new TextBlock("Check-in") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock($"Hello {mention}, {CardText.Escape("*please* [reply](https://evil.example)")}") { IsSubtle = true, Spacing = Spacing.Small });
        card.Body.Add(new RichTextBlock { Inlines = { new TextRun("Due ") { Weight = TextWeight.Bolder }, new TextRun("Friday") { Italic = true, Color = TextColor.Attention } } });
        card.Body.Add(new FactSet().Add("School", "Oak Primary").Add("Round", "Autumn 2"));
        card.Body.Add(new ColumnSet
        {
            Columns =
            {
                new Column { Width = "auto", Items = { new Image("https://example.test/logo.png") { AltText = "logo", Size = ImageSize.Small, Style = ImageStyle.Person } } },
                new Column { Width = "stretch", VerticalContentAlignment = VerticalAlignment.Center, Items = { new TextBlock("Oak Primary") } },
            },
        });
        card.Body.Add(new Container
        {
            Id = "details",
            Style = ContainerStyle.Emphasis,
            IsVisible = false,
            Items = { new TextBlock("Details") { Color = TextColor.Accent } },
        });
        card.Body.Add(new Table { Columns = { 2, 1 }, FirstRowAsHeader = true, ShowGridLines = true }.AddRow("Item", "Status").AddRow("Plan", "Done"));
        card.Body.Add(new TextInput("comment") { Label = "Comment", IsMultiline = true, MaxLength = 500, Placeholder = "Anything to add?", IsRequired = true, ErrorMessage = "Please add a comment" });
        card.Body.Add(new TextInput("email") { Label = "Email", Style = TextInputStyle.Email, Regex = "^.+@.+$" });
        card.Body.Add(new NumberInput("score") { Label = "Score (1-5)", Min = 1, Max = 5, Value = 3, IsRequired = true, ErrorMessage = "Choose 1 to 5" });
        card.Body.Add(new DateInput("due") { Label = "Due date", Min = new DateOnly(2026, 9, 1), Max = new DateOnly(2027, 7, 31), Value = new DateOnly(2026, 12, 1) });
        card.Body.Add(new TimeInput("at") { Label = "Time", Value = new TimeOnly(9, 30), Min = new TimeOnly(8, 0), Max = new TimeOnly(17, 0) });
        card.Body.Add(new ToggleInput("agree", "I agree") { Label = "Agreement", ValueOn = "yes", ValueOff = "no" });
        card.Body.Add(new ChoiceSetInput("need") { Label = "Main need", Style = ChoiceInputStyle.Expanded, IsMultiSelect = true, Value = "cl" }.Add("Cognition and learning", "cl").Add("SEMH", "semh"));
        card.Body.Add(new ChoiceSetInput("school") { Label = "School", Style = ChoiceInputStyle.Filtered, Placeholder = "Pick one" }.Add("Oak", "oak").Add("Ash", "ash"));
        card.Body.Add(new ActionSet
        {
            Actions =
            {
                new ExecuteAction("Submit", "submitCheckIn")
                {
                    Data = new { roundId = "r42" },
                    AssociatedInputs = AssociatedInputs.Auto,
                    Fallback = SubmitAction.ForVerb("Submit", "submitCheckIn", new { roundId = "r42" }),
                },
            },
        });
        card.Actions.Add(new SubmitAction("Save draft") { Data = new { verb = "saveDraft" }, AssociatedInputs = AssociatedInputs.None });
        card.Actions.Add(new OpenUrlAction("Open SencoHub", "https://example.test/tab"));
        card.Actions.Add(new ShowCardAction("More", new AdaptiveCard { Body = { new TextBlock("Nested") }, Actions = { new ExecuteAction("Ack", "ack") } }));
        card.Actions.Add(new ToggleVisibilityAction("Show details") { TargetElements = { "details" } });
        return card;
    }
}
