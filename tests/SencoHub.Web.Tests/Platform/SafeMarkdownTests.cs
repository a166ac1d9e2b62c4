using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Tests.Platform;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <script src=\"https://evil.example/x.js\"></script>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<img src=x onerror=\"alert(1)\">")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">click</a>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](  javascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("![x](https://tracker.example/pixel.png)")]
    [InlineData("<form action=\"https://evil.example\"><input name=x></form>")]
    public void Dangerous_Input_NeverReachesThePage(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        // Judge the DOM a browser would build, not the text: escaped markup shown as text is harmless.
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "code", "pre", "blockquote", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr" };
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            Assert.Contains(element.LocalName, allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name}");
                Assert.NotEqual("style", attribute.Name, StringComparer.OrdinalIgnoreCase);
                if (attribute.Name == "href")
                {
                    Assert.Matches("^(https?|mailto):", attribute.Value);
                }
            }
        }
    }

    [Fact]
    public void Markdown_IsRendered_WithHeadingsBelowThePageHeadings()
    {
        var html = SafeMarkdown.ToHtml("# Our vision\n\nEvery **teacher** is a teacher of *SEND*.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |");

        Assert.Contains("<h3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>teacher</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>SEND</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style", html, StringComparison.Ordinal); // right-aligned columns would need an inline style, which CSP forbids
    }

    [Fact]
    public void Links_AreKept_AndOpenOutsideTheTab()
    {
        var html = SafeMarkdown.ToHtml("See [the code of practice](https://www.gov.uk/send) or mail [us](mailto:send@trust.example).");

        Assert.Contains("href=\"https://www.gov.uk/send\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:send@trust.example\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RawHtml_IsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("Use <b>bold</b> & keep going");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_RendersNothing(string? markdown) => Assert.Equal(string.Empty, SafeMarkdown.ToHtml(markdown));
}
