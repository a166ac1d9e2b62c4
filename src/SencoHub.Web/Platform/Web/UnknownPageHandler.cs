using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SencoHub.Web.Platform.Web;

/// <summary>
/// A request that matches none of a page's handlers (a POST to a page with only OnGet, an unknown
/// <c>?handler=</c>) would otherwise render the page with its model never loaded: a 500. Answer
/// 405 or 404 instead, which the friendly status pages then explain.
/// </summary>
internal sealed class UnknownPageHandler : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            var method = context.HttpContext.Request.Method;
            var pageHasHandlersForMethod = context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
                || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)));
            context.Result = new StatusCodeResult(pageHasHandlersForMethod ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await next();
    }
}
