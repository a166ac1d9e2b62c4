using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using static SencoHub.Web.Tests.Strategy.StrategyTestKit;

namespace SencoHub.Web.Tests.Platform;

public sealed class OpenApiTests
{
    private static readonly string[] ProblemStatuses = ["400", "401", "403", "500"];

    [Fact]
    public async Task TheDocument_DescribesEveryMappedApiEndpoint_WithItsShapes_AndItsProblemDetails()
    {
        await using var app = await new SencoHubApp().StartAsync();
        using var lead = await app.ClientForAsync(DemoTrust.SendLead.AadObjectId);

        var response = await lead.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var paths = document["paths"]!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (Endpoint: e, Method: method, Path: DocumentPath(e.RoutePattern))))
            .Where(e => e.Path != "/api/messages") // the bot's Bot Framework endpoint, called by Teams, not by tabs
            .ToList();
        Assert.True(mapped.Count >= 25, $"only {mapped.Count} endpoints found");

        foreach (var (endpoint, method, path) in mapped)
        {
            var operation = paths[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is not in the document");
            var responses = operation["responses"]!.AsObject();
            var success = responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).ToList();
            Assert.True(success.Count > 0 && success.All(r => r?["content"]?.AsObject().Count > 0), $"{method} {path}: no success shape");
            foreach (var status in ProblemStatuses)
            {
                var schema = responses[status]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{method} {path}: no {status} problem details");
            }

            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            {
                Assert.True(operation["requestBody"]?["content"]?["application/json"]?["schema"] is not null, $"{method} {path}: no request shape");
            }
        }

        Assert.Null(paths["/api/messages"]);
        var validation = schemas["HttpValidationProblemDetails"]!["properties"]!.AsObject();
        Assert.All(new[] { "title", "status", "detail", "errors" }, property => Assert.True(validation.ContainsKey(property), property));
        // Bodies read by hand and file downloads are described too.
        Assert.Equal("#/components/schemas/TemplateInput", (string?)paths["/api/checkins/template"]!["put"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/DirectoryFile", (string?)paths["/api/directory/import"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal(["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            paths["/api/actions/export"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public async Task TheDocument_NeedsTheSameSignInAsTheApi()
    {
        await using var app = await new SencoHubApp().StartAsync();

        var anonymous = await app.CreateClient().GetAsync("/openapi/v1.json");

        await ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    /// <summary>A route as OpenAPI writes it: parameters without constraints, no trailing slash.</summary>
    private static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => string.Empty,
        }))));
}
