using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SencoHub.Teams.Activities;

/// <summary>The JSON settings used on the wire: camelCase, nulls omitted, tolerant on read.</summary>
internal static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Teams and its emulators are not consistent about numbers-as-strings; accept both.
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            // JSON to Teams is never embedded in HTML: keep non-ASCII text as UTF-8 rather than
            // six-byte \u escapes, which would eat into Teams' message size limit.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
