using System.Text.Json;

namespace SencoHub.Web.Platform.Hosting;

/// <summary>
/// A refusal a feature raises on purpose: becomes problem details on the API and a friendly
/// message on pages and cards. The detail must be safe to show to the person.
/// </summary>
public sealed class ProblemException : Exception
{
    private ProblemException(int status, string title, string? detail, IDictionary<string, string[]>? errors)
        : base(detail ?? title)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public int Status { get; }
    public string Title { get; }
    public string? Detail { get; }
    public IDictionary<string, string[]> Errors { get; }

    public static ProblemException Invalid(string field, string message) =>
        new(400, "The request is not valid.", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemException Invalid(IDictionary<string, string[]> errors) =>
        new(400, "The request is not valid.", string.Join(" ", errors.Values.SelectMany(v => v)), errors);

    public static ProblemException NotFound(string what) => new(404, $"{what} was not found.", null, null);

    public static ProblemException Forbidden(string detail) => new(403, "You cannot do that.", detail, null);

    public static ProblemException Conflict(string detail) => new(409, "That conflicts with the current state.", detail, null);

    public static ProblemException TooLarge(string detail) => new(413, "That is too large.", detail, null);

    /// <summary>
    /// JSON that could not be read as the request type, refused by its JSON path (<c>priorities[0].timeframe</c>),
    /// or as <c>body</c> when the JSON itself is broken at the start.
    /// </summary>
    public static ProblemException UnreadableJson(JsonException json)
    {
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
        return field is null
            ? Invalid("body", "The request body is not in a form SencoHub can read.")
            : Invalid(field, $"The value at {field} is not in a form SencoHub can read.");
    }
}
