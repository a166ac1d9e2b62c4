using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Every card the library sends. Titles, summaries, reasons and names came from people, so they are
/// escaped, and fallback text carries none of them.
/// </summary>
public sealed class LibraryCards(AppLinks links)
{
    /// <summary>A resource, for a search reply or to drop into a conversation: title, summary, tags, open button.</summary>
    public AdaptiveCard Resource(ResourceSummaryView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var card = new AdaptiveCard { FallbackText = "A resource from the SEND library" };
        card.Body.Add(new TextBlock(resource.Category.Display() + (resource.School is { } school ? $" · from {CardText.Escape(school.Name)}" : string.Empty)) { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(CardText.Escape(resource.Title)) { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock(CardText.Escape(Shorten(resource.Summary, 400))));
        card.Body.Add(new TextBlock(string.Join(" · ", resource.TagLabels)) { IsSubtle = true, Size = TextSize.Small });
        if (resource.IsStale)
        {
            card.Body.Add(new TextBlock($"Not reviewed since {UkDates.Format(resource.LastReviewedOn)}: check it is still current.") { Color = TextColor.Warning, Size = TextSize.Small });
        }

        card.Actions.Add(new OpenUrlAction("Open", links.Page($"/library/resources/{resource.Id}/content")));
        card.Actions.Add(new OpenUrlAction("Details", links.Tab("library", $"/library/resources/{resource.Id}")));
        return card;
    }

    /// <summary>The bot's answer to <c>find</c>: the top results, each with its title, summary, tags and an open button.</summary>
    public AdaptiveCard FindResults(string words, SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var card = new AdaptiveCard { FallbackText = "Resources from the SEND library" };
        card.Body.Add(new TextBlock("SEND library") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(results.Total == 1 ? $"1 resource for \"{CardText.Escape(words)}\"" : $"{results.Total} resources for \"{CardText.Escape(words)}\"")
        {
            Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None,
        });
        foreach (var resource in results.Items)
        {
            var item = new Container { Separator = true, Spacing = Spacing.Medium };
            item.Items.Add(new TextBlock(CardText.Escape(resource.Title)) { Weight = TextWeight.Bolder });
            item.Items.Add(new TextBlock(CardText.Escape(Shorten(resource.Summary, 200))) { Spacing = Spacing.None });
            item.Items.Add(new TextBlock(string.Join(" · ", resource.TagLabels) + (resource.IsStale ? " · due for review" : string.Empty)) { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None });
            var open = new ActionSet();
            open.Actions.Add(new OpenUrlAction("Open", links.Page($"/library/resources/{resource.Id}/content")));
            open.Actions.Add(new OpenUrlAction("Details", links.Tab("library", $"/library/resources/{resource.Id}")));
            item.Items.Add(open);
            card.Body.Add(item);
        }

        if (results.Total > results.Items.Count)
        {
            card.Body.Add(new TextBlock($"and {results.Total - results.Items.Count} more in the library.") { IsSubtle = true });
        }

        card.Actions.Add(new OpenUrlAction("See them all in the library", links.Tab("library", "/library" + QueryString.Create("q", words))));
        return card;
    }

    /// <summary>Nothing matched: says so and suggests the library's own filters, with how many resources each holds.</summary>
    public AdaptiveCard NothingFound(string words, LibraryFacets everything)
    {
        ArgumentNullException.ThrowIfNull(everything);
        var card = new AdaptiveCard { FallbackText = "Nothing in the SEND library matched." };
        card.Body.Add(new TextBlock("SEND library") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock($"Nothing matches \"{CardText.Escape(words)}\"") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock("Try fewer or shorter words (\"assess\" finds \"assessment\"), or browse the library by filter:"));
        var facts = new FactSet();
        foreach (var (label, counts) in new[] { ("Category", everything.Category), ("Area of need", everything.NeedArea), ("Phase", everything.Phase) })
        {
            var present = counts.Where(c => c.Count > 0).ToList();
            if (present.Count > 0)
            {
                facts.Facts.Add(new Fact(label, string.Join(", ", present.Select(c => $"{CardText.Escape(c.Label)} ({c.Count})"))));
            }
        }

        if (facts.Facts.Count > 0)
        {
            card.Body.Add(facts);
        }
        else
        {
            card.Body.Add(new TextBlock("The library has nothing you can see yet.") { IsSubtle = true });
        }

        card.Actions.Add(new OpenUrlAction("Browse the library", links.Tab("library", "/library")));
        return card;
    }

    /// <summary>A message-extension result: the resource card to insert, and the thumbnail preview listed while searching.</summary>
    public MessagingExtensionItem SearchResult(ResourceSummaryView resource, string commandId)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new MessagingExtensionItem(Resource(resource), Shorten(resource.Title, 80))
        {
            Text = $"{resource.Category.Display()}{(resource.IsStale ? " · due for review" : string.Empty)} · {Shorten(resource.Summary, 120)}",
            TapValue = new ResourceTap(commandId, resource.Id),
        };
    }

    public AdaptiveCard ContributionApproved(LibraryContribution contribution, int resourceId, string by)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var card = new AdaptiveCard { FallbackText = "Your contribution to the SEND library was approved." };
        card.Body.Add(new TextBlock("SEND library") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock("Your contribution is in the library") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock($"{CardText.Escape(by)} approved \"{CardText.Escape(contribution.Title)}\"{(contribution.ForResourceId is null ? string.Empty : " as a new version")}. Everyone it is meant for can now find it. Thank you for sharing it."));
        card.Actions.Add(new OpenUrlAction("See it in the library", links.Tab("library", $"/library/resources/{resourceId}")));
        return card;
    }

    public AdaptiveCard ContributionRejected(LibraryContribution contribution, string by)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var card = new AdaptiveCard { FallbackText = "Your contribution to the SEND library was not added." };
        card.Body.Add(new TextBlock("SEND library") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock("Your contribution was not added") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock($"{CardText.Escape(by)} did not add \"{CardText.Escape(contribution.Title)}\" to the library, and said why:"));
        card.Body.Add(new Container { Style = ContainerStyle.Emphasis, Items = { new TextBlock(CardText.Escape(contribution.RejectionReason)) } });
        card.Body.Add(new TextBlock("The file has been removed from SencoHub. You are welcome to change it and contribute it again.") { IsSubtle = true });
        card.Actions.Add(new OpenUrlAction("Open the library", links.Tab("library", "/library/contributions")));
        return card;
    }

    /// <summary>The SEND lead's half-termly digest of resources not reviewed for a long time.</summary>
    public AdaptiveCard StaleDigest(IReadOnlyList<ResourceSummaryView> stale, int total, int months, string halfTerm)
    {
        ArgumentNullException.ThrowIfNull(stale);
        var card = new AdaptiveCard { FallbackText = $"{total} library resources are due for review." };
        card.Body.Add(new TextBlock($"SEND library · {CardText.Escape(halfTerm)}") { IsSubtle = true, Size = TextSize.Small });
        card.Body.Add(new TextBlock(total == 1 ? "1 resource is due for review" : $"{total} resources are due for review") { Size = TextSize.Medium, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Spacing = Spacing.None });
        card.Body.Add(new TextBlock($"Not reviewed for {months} months or more. Check each is still current, then mark it reviewed, replace it with a new version, or take it out."));
        var facts = new FactSet();
        foreach (var resource in stale)
        {
            facts.Facts.Add(new Fact(CardText.Escape(Shorten(resource.Title, 80)), $"last reviewed {UkDates.Format(resource.LastReviewedOn)}"));
        }

        card.Body.Add(facts);
        if (total > stale.Count)
        {
            card.Body.Add(new TextBlock($"and {total - stale.Count} more.") { IsSubtle = true });
        }

        card.Actions.Add(new OpenUrlAction("Review them", links.Tab("library", "/library/stale")));
        return card;
    }

    /// <summary>What a tapped preview sends back in <c>composeExtension/selectItem</c>.</summary>
    public sealed record ResourceTap(string CommandId, int ResourceId);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
