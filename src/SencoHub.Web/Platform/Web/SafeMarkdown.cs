using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// Markdown typed by people, rendered for a tab page. Two layers: Markdig escapes raw HTML, then
/// HtmlSanitizer keeps only a small set of tags and <c>http</c>/<c>https</c>/<c>mailto</c> links, so
/// no script, iframe, event handler, inline style (CSP forbids them) or <c>javascript:</c> link
/// reaches the page.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <param name="headingLevelOffset">Pushes the author's headings down so they sit under the page's own (h1 → h3 with 2).</param>
    public static string ToHtml(string? markdown, int headingLevelOffset = 2)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Clamp(heading.Level + headingLevelOffset, 1, 6);
        }

        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "del", "ins", "mark", "sub", "sup", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr",
                "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        // Links leave the tab (Teams frames it): open them outside, without giving the target a handle on us.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
