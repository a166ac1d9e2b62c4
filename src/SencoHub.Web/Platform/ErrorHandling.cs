using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform;

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
        exception is BadHttpRequestException { InnerException: JsonException json } ? ProblemException.UnreadableJson(json) : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, PathString path);
}

public static class ErrorHandling
{
    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/dev/token") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/openapi");

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
            // A refusal keeps its own status on pages too (a guarded write refused on save is a 400, not a fault).
            StatusCodeSelector = exception => exception switch
            {
                ProblemException refusal => refusal.Status,
                BadHttpRequestException badRequest => badRequest.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // API callers get problem details; people get the friendly page with the real status code.
        app.UseWhen(context => IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApiRequest(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }
}
