using System.Text.Json;
using System.Text.Json.Serialization;

namespace SencoHub.Teams.Activities;

/// <summary>The JSON settings used on the wire: camelCase, nulls omitted, tolerant on read.</summary>
public static class TeamsJson
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
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
