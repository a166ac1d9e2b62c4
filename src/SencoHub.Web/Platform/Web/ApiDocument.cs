using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the <c>/api</c> group described by ASP.NET Core's OpenAPI generator, with the
/// problem details every endpoint can answer. The bot's <c>/api/messages</c> is not in it: that is the Bot
/// Framework protocol, called by Teams, not by our tabs.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddSencoHubApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<TabApiMetadata>().Any();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SencoHub API";
                document.Info.Description = "Called by SencoHub's own Teams tabs with an Entra ID bearer token. Every refusal is RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                    Description = "A token for SencoHub's API from Teams single sign-on, for a person in the trust directory.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// Describes a JSON body the endpoint reads by hand (bounded, whatever its content type). <c>.Accepts&lt;T&gt;</c>
    /// would describe it too, but it also makes routing refuse other content types with 415.
    /// </summary>
    public static RouteHandlerBuilder DescribesJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            context.Document?.AddComponent(typeof(T).Name, schema);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = context.Document is { } document ? new OpenApiSchemaReference(typeof(T).Name, document) : schema },
                },
            };
        });

    /// <summary>Marks the group as the described API and adds the problem details each endpoint can answer.</summary>
    public static RouteGroupBuilder DescribedWithProblems(this RouteGroupBuilder api)
    {
        api.WithMetadata(new TabApiMetadata());
        // After every other convention, so the endpoint's own metadata (size limit, declared responses) is known.
        ((IEndpointConventionBuilder)api).Finally(DescribeProblems);
        return api;
    }

    private static void DescribeProblems(EndpointBuilder endpoint)
    {
        var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
        var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
        var hasRouteValues = endpoint is RouteEndpointBuilder { RoutePattern: { Parameters.Count: > 0 } };

        void Problem(int status, Type type)
        {
            if (declared.Add(status))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/problem+json"]));
            }
        }

        // Validation problems name each field; the rest carry a title and a detail.
        Problem(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        Problem(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
        Problem(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        if (hasRouteValues)
        {
            Problem(StatusCodes.Status404NotFound, typeof(ProblemDetails));
        }

        if (methods.Any(m => !HttpMethods.IsGet(m)))
        {
            Problem(StatusCodes.Status409Conflict, typeof(ProblemDetails));
        }

        if (endpoint.Metadata.OfType<IRequestSizeLimitMetadata>().Any())
        {
            Problem(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
        }

        Problem(StatusCodes.Status500InternalServerError, typeof(ProblemDetails));
    }

    /// <summary>Marks endpoints of the <c>/api</c> group, the ones the document describes.</summary>
    private sealed class TabApiMetadata;
}
