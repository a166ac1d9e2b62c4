using System.Text.Json.Nodes;
using SencoHub.Teams.Activities;

namespace SencoHub.Teams.Tests;

/// <summary>Real activities captured from the Microsoft 365 Agents Playground.</summary>
internal static class Fixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order()!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static string Json(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static JsonObject Node(string name) => (JsonObject)JsonNode.Parse(Json(name))!;

    public static Activity Activity(string name) => Teams.Activities.Activity.FromJson(Json(name));

    /// <summary>A fixture with its serviceUrl pointed at a loopback connector.</summary>
    public static JsonObject ForService(string name, string serviceUrl)
    {
        var node = Node(name);
        node["serviceUrl"] = serviceUrl;
        return node;
    }
}
