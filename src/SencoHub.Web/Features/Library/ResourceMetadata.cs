using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

/// <summary>What a person sends to describe a resource (form fields or JSON); nothing here is trusted yet.</summary>
public sealed record ResourceMetadataInput
{
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string>? ReviewAreas { get; init; }
    public IReadOnlyList<string>? NeedAreas { get; init; }
    public IReadOnlyList<string>? Phases { get; init; }
    public IReadOnlyList<string>? Audiences { get; init; }

    /// <summary>The contributing school's id; optional.</summary>
    public string? School { get; init; }

    /// <summary>Only when the resource is a web link instead of a file.</summary>
    public string? Link { get; init; }

    public DateOnly? LastReviewedOn { get; init; }
}

/// <summary>A resource's description after every check: trimmed, within limits, known tags, no pupil identifiers.</summary>
public sealed record ResourceMetadata(
    string Title,
    string Summary,
    ResourceCategory Category,
    IReadOnlyList<ReviewArea> ReviewAreas,
    IReadOnlyList<NeedArea> NeedAreas,
    IReadOnlyList<SchoolPhase> Phases,
    IReadOnlyList<Role> Audiences,
    string? SchoolId)
{
    /// <summary>
    /// Checks every field and adds each problem to <paramref name="errors"/> under its field name, so
    /// all are reported at once. Whether the school exists is the caller's check (it needs the directory).
    /// </summary>
    public static ResourceMetadata? Check(ResourceMetadataInput? input, IDictionary<string, string[]> errors)
    {
        input ??= new ResourceMetadataInput();
        var title = TypedText.Line(errors, "title", input.Title, LibraryLimits.TitleLength, "Give the resource a title.");
        var summary = TypedText.Text(errors, "summary", input.Summary, LibraryLimits.SummaryLength, "Say in a sentence or two what the resource is and who it helps.");
        var category = default(ResourceCategory);
        if (string.IsNullOrWhiteSpace(input.Category))
        {
            errors["category"] = [$"Choose a category: {LibraryTags.Names<ResourceCategory>()}."];
        }
        else if (!LibraryTags.TryParse(input.Category, out category))
        {
            errors["category"] = [$"'{TypedText.Shorten(input.Category)}' is not a category. Use one of: {LibraryTags.Names<ResourceCategory>()}."];
        }

        var reviewAreas = ParseList<ReviewArea>(errors, "reviewAreas", input.ReviewAreas, "review area");
        if (reviewAreas.Count == 0 && !errors.ContainsKey("reviewAreas"))
        {
            errors["reviewAreas"] = [$"Choose at least one review area: {LibraryTags.Names<ReviewArea>()}."];
        }

        var needAreas = ParseList<NeedArea>(errors, "needAreas", input.NeedAreas, "area of need");
        var phases = ParseList<SchoolPhase>(errors, "phases", input.Phases, "school phase");
        var audiences = ParseList<Role>(errors, "audiences", input.Audiences, "audience");
        var school = string.IsNullOrWhiteSpace(input.School) ? null : input.School.Trim();
        if (school is { Length: > LibraryLimits.SchoolIdLength })
        {
            errors["school"] = ["That is not a school of this trust."];
        }

        return errors.Count > 0 ? null : new ResourceMetadata(title, summary, category, reviewAreas, needAreas, phases, audiences, school);
    }

    /// <summary>A web link: absolute http(s), no pupil identifier in it.</summary>
    public static string? CheckLink(IDictionary<string, string[]> errors, string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var text = TypedText.Line(errors, "link", link, LibraryLimits.LinkLength, null);
        if (!errors.ContainsKey("link")
            && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host)))
        {
            errors["link"] = ["A link must be a full web address starting with https://."];
        }

        return text;
    }

    /// <summary>Repeated fields and comma-separated values both work (<c>phases=Primary&amp;phases=Special</c> or <c>Primary,Special</c>).</summary>
    private static List<T> ParseList<T>(IDictionary<string, string[]> errors, string field, IReadOnlyList<string>? values, string what) where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var value in (values ?? []).SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (LibraryTags.TryParse<T>(value, out var member))
            {
                if (!parsed.Contains(member))
                {
                    parsed.Add(member);
                }
            }
            else
            {
                errors[field] = [$"'{TypedText.Shorten(value)}' is not a {what}. Use any of: {LibraryTags.Names<T>()}."];
            }
        }

        parsed.Sort();
        return parsed;
    }
}
