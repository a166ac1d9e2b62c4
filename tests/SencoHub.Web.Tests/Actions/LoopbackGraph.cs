using System.Collections.Concurrent;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Actions;

/// <summary>
/// Microsoft Graph's <c>sendActivityNotification</c> on loopback. It answers 204 only to a request of
/// the shape graph-endpoints.md (section 3) describes, for an activity type the Teams manifest declares,
/// with exactly that type's template parameters; anything else gets Graph's 400 and is recorded as a problem.
/// </summary>
public sealed partial class LoopbackGraph : IAsyncDisposable
{
    public const string Token = "graph-test-token";

    private readonly WebApplication _server;
    private readonly ConcurrentQueue<(string UserId, JsonObject Body)> _accepted = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, int> _failFor = new(StringComparer.Ordinal);

    private LoopbackGraph(WebApplication server) => _server = server;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<(string UserId, JsonObject Body)> Accepted => [.. _accepted];

    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>The activity types the manifest declares, with the placeholders of each (Teams fills <c>{actor}</c> itself).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> DeclaredActivities { get; } = ReadManifest();

    /// <summary>Answers requests for this user with the status (e.g. 404: the app is not installed for them).</summary>
    public void FailFor(string userId, int status) => _failFor[userId] = status;

    public void Recover(string userId) => _failFor.TryRemove(userId, out _);

    public static async Task<LoopbackGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackGraph(app);
        app.MapPost("/v1.0/users/{userId}/teamwork/sendActivityNotification", async (string userId, HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
            {
                graph._problems.Enqueue($"no bearer token: '{request.Headers.Authorization}'");
                return Error(401, "InvalidAuthenticationToken");
            }

            if (graph._failFor.TryGetValue(userId, out var status))
            {
                return Error(status, status == 404 ? "NotFound" : "InternalServerError");
            }

            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            if (Check(body) is { } problem)
            {
                graph._problems.Enqueue(problem + ": " + body?.ToJsonString());
                return Error(400, "BadRequest");
            }

            graph._accepted.Enqueue((userId, body!));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUri = new Uri(address.TrimEnd('/') + "/v1.0");
        return graph;
    }

    /// <summary>The settings that point the app at this server.</summary>
    public void Configure(SencoHubApp app) => app
        .Setting("SencoHub:Graph:Enabled", "true")
        .Setting("SencoHub:Graph:BaseUrl", BaseUri.ToString())
        .Setting("SencoHub:Graph:ManagedIdentityClientId", "11111111-2222-3333-4444-555555555555")
        .Setting("SencoHub:Teams:AppId", "6f1c1c5e-7a39-4c55-9d1e-8a2f0c3b4d5e")
        .Setting("SencoHub:Actions:ActivityFeedPollInterval", "00:00:01")
        .ConfigureServicesWith(services => services.AddKeyedSingleton<TokenCredential>(SencoHub.Web.Platform.Graph.GraphSetup.CredentialKey, new FixedCredential()));

    private static string? Check(JsonObject? body)
    {
        if (body is null)
        {
            return "no JSON body";
        }

        if (body["topic"] is not JsonObject topic || (string?)topic["source"] != "text" || string.IsNullOrEmpty((string?)topic["value"])
            || !((string?)topic["webUrl"])!.StartsWith("https://teams.microsoft.com/l/entity/", StringComparison.Ordinal))
        {
            return "topic must be { source: text, value, webUrl: a Teams deep link }";
        }

        if ((string?)body["activityType"] is not { } type || !DeclaredActivities.TryGetValue(type, out var placeholders))
        {
            return "activityType is not declared in the manifest";
        }

        if ((string?)body["previewText"]?["content"] is not { Length: > 0 and <= 150 })
        {
            return "previewText.content must be 1 to 150 characters";
        }

        if (body["templateParameters"] is not JsonArray parameters
            || parameters.Any(p => p is not JsonObject { Count: 2 } pair || string.IsNullOrEmpty((string?)pair["name"]) || string.IsNullOrEmpty((string?)pair["value"])))
        {
            return "templateParameters must be [{ name, value }]";
        }

        var names = parameters.Select(p => (string)p!["name"]!).ToHashSet(StringComparer.Ordinal);
        return names.SetEquals(placeholders) && names.Count == parameters.Count ? null : $"templateParameters must be exactly {string.Join(", ", placeholders)}";
    }

    private static IResult Error(int status, string code) =>
        Results.Json(new { error = new { code, message = "Loopback Graph refused the request." } }, statusCode: status);

    private static Dictionary<string, IReadOnlySet<string>> ReadManifest()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(SencoHub.Testing.Playground.RepoRoot, "manifest", "manifest.json")))!;
        return manifest["activities"]!["activityTypes"]!.AsArray().ToDictionary(
            t => (string)t!["type"]!,
            t => (IReadOnlySet<string>)Placeholder().Matches((string)t!["templateText"]!).Select(m => m.Groups[1].Value).Where(n => n != "actor").ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Entra is not on loopback: the token Graph requests carry, through the credential seam GraphSetup offers.</summary>
    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual(["https://graph.microsoft.com/.default"])
                ? new(Token, DateTimeOffset.UtcNow.AddHours(1))
                : throw new InvalidOperationException("Graph tokens are asked for the Graph scope, got " + string.Join(" ", requestContext.Scopes));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

