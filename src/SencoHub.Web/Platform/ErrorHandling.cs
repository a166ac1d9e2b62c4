using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SencoHub.Web.Platform.Hosting;

/// <summary>
/// One place that turns failures into answers: problem details for the API (never a stack trace),
/// the friendly error page for everything else.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the error page; the feature keeps where it failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!ErrorHandling.IsApiPath(path))
        {
            return false;
        }

        ProblemDetails problem;
        if ((exception as ProblemException ?? UnreadableBody(exception)) is { } refusal)
        {
            problem = refusal.Errors.Count > 0
                ? new ValidationProblemDetails(refusal.Errors) { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Detail }
                : new ProblemDetails { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Detail };
        }
        else if (exception is BadHttpRequestException badRequest)
        {
            problem = new ProblemDetails { Status = badRequest.StatusCode, Title = "The request could not be read.", Detail = badRequest.Message };
        }
        else
        {
            LogUnhandled(logger, exception, path);
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on our side.", Detail = "The error has been logged." };
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A JSON body the endpoint could not bind: a refusal naming the field, not the handler's parameter.</summary>
    private static ProblemException? UnreadableBody(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException json } ? ErrorHandling.UnreadableJson(json) : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, PathString path);
}

public static class ErrorHandling
{
    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/dev/token") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/openapi");

    /// <summary>
    /// JSON that could not be read as the request type, refused by its JSON path (<c>priorities[0].timeframe</c>),
    /// or as <c>body</c> when the JSON itself is broken at the start.
    /// </summary>
    public static ProblemException UnreadableJson(JsonException json)
    {
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
        return field is null
            ? ProblemException.Invalid("body", "The request body is not in a form SencoHub can read.")
            : ProblemException.Invalid(field, $"The value at {field} is not in a form SencoHub can read.");
    }

    public static IServiceCollection AddSencoHubErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Bad bodies and parameters reach the exception handler in every environment (the default throws only in
        // Development), so they are answered the same way everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    public static WebApplication UseSencoHubErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A refusal is an answer, not a fault: only unexpected exceptions are logged as errors.
            SuppressDiagnosticsCallback = context => context.Exception is ProblemException or BadHttpRequestException,
        });
        // API callers get problem details; people get the friendly page with the real status code.
        app.UseWhen(context => IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiRequest(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "You need to sign in.",
        403 => "You do not have access to this page.",
        404 => "That page was not found.",
        _ => "Something went wrong on our side.",
    };
}
