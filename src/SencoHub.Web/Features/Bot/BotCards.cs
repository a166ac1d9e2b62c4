using SencoHub.Teams.Cards;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Features.Bot;

/// <summary>The bot's own cards: welcome and help. Text from the directory is escaped.</summary>
public static class BotCards
{
    /// <summary>The welcome card's button: answers with the command list in place of the card.</summary>
    public const string ShowCommandsVerb = "bot.commands";

    public const string NotInDirectory =
        "Hello! Your trust has not added you to SencoHub yet, so there is nothing to show you. Ask your trust's SEND lead to add you to the SencoHub directory.";

    public static AdaptiveCard Welcome(SignedInPerson person, string trustName, IReadOnlyList<string> roles, string homeUrl)
    {
        var card = new AdaptiveCard { FallbackText = $"Welcome to SencoHub, {person.Name}." };
        card.Body.Add(new TextBlock($"Welcome to SencoHub, {CardText.Escape(person.Name)}") { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock($"SencoHub brings {CardText.Escape(trustName)}'s SEND work into Teams."));
        // Only people holding a role are welcomed: anyone else is not in the directory as far as SencoHub goes.
        card.Body.Add(new TextBlock("In the trust directory you are:") { Spacing = Spacing.Medium });
        card.Body.Add(new TextBlock(string.Join("\n", roles.Select(r => "- " + CardText.Escape(r)))));

        var abilities = person.Roles.Select(r => r.Role).Distinct().Select(WhatYouCanDo).ToList();
        if (abilities.Count > 0)
        {
            card.Body.Add(new TextBlock("What you can do here:") { Spacing = Spacing.Medium, Weight = TextWeight.Bolder });
            card.Body.Add(new TextBlock(string.Join("\n", abilities.Select(a => "- " + a))));
        }

        card.Body.Add(new TextBlock("Type help at any time, or select Show commands.") { IsSubtle = true });

        card.Actions.Add(new ExecuteAction("Show commands", ShowCommandsVerb) { Fallback = SubmitAction.ForVerb("Show commands", ShowCommandsVerb) });
        card.Actions.Add(new OpenUrlAction("Open SencoHub", homeUrl));
        return card;
    }

    public static AdaptiveCard Help(IReadOnlyList<CommandRegistration> commands, string homeUrl, string? notUnderstood = null)
    {
        var card = new AdaptiveCard { FallbackText = "SencoHub commands" };
        if (notUnderstood is not null)
        {
            card.Body.Add(new TextBlock($"Sorry, I did not understand \"{CardText.Escape(notUnderstood)}\".") { Wrap = true });
        }

        card.Body.Add(new TextBlock("SencoHub commands") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        AddCommands(card, commands);
        card.Actions.Add(new OpenUrlAction("Open SencoHub", homeUrl));
        return card;
    }

    /// <summary>Posted when SencoHub is added to a team channel (the SENCO network).</summary>
    public static AdaptiveCard ChannelWelcome(string trustName, string homeUrl)
    {
        var card = new AdaptiveCard { FallbackText = "SencoHub is now in this channel." };
        card.Body.Add(new TextBlock("SencoHub is now in this channel") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading });
        card.Body.Add(new TextBlock($"{CardText.Escape(trustName)}'s SEND network news will be posted here: the trust SEND strategy, check-in summaries and guidance. Mention me with a command, for example \"@SencoHub help\"."));
        card.Actions.Add(new OpenUrlAction("Open SencoHub", homeUrl));
        return card;
    }

    private static string WhatYouCanDo(Role role) => role switch
    {
        Role.SendLead => "Publish the trust SEND strategy, run the half-termly check-ins and track actions across the trust.",
        Role.Trustee => "Follow the trust's SEND work: the strategy, check-in results and progress on actions.",
        Role.Senco => "Answer your school's half-termly check-in and keep your school's actions up to date.",
        Role.Headteacher => "Acknowledge the trust SEND strategy and your school's actions, and update progress.",
        _ => "Read the trust SEND strategy and see the SEND actions set for your school.",
    };

    private static void AddCommands(AdaptiveCard card, IReadOnlyList<CommandRegistration> commands)
    {
        card.Body.Add(new TextBlock("Type one of these:") { Spacing = Spacing.Medium, Weight = TextWeight.Bolder });
        var facts = new FactSet { Facts = { new Fact("help", "Show this list") } };
        card.Body.Add(facts);
        foreach (var command in commands)
        {
            facts.Facts.Add(new Fact(command.Usage, command.Description));
        }
    }
}
