using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Export;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Actions;

public sealed record AcknowledgementResponse(int ActionId, string SchoolId, string AcknowledgedBy, DateTimeOffset AcknowledgedAt, bool Recorded);

public sealed record ProgressResponse(int ActionId, string SchoolId, AssignmentStatus SchoolStatus, ActionState ActionState, UpdateView Update, bool Recorded);

/// <summary>
/// <c>/api/actions</c>: everyone signed in reads what their schools may see (the SEND lead and trustees all);
/// the SEND lead creates and withdraws; a school's owner acknowledges and its headteacher or SENCO updates.
/// </summary>
internal static class ActionsApi
{
    public static void Map(RouteGroupBuilder actions)
    {
        actions.MapPost("/", CreateAsync).RequireAuthorization(Policies.SendLead).WithMetadata(new RequestSizeLimitAttribute(ActionLimits.MaxRequestBytes));
        actions.MapGet("/", async ([AsParameters] ActionQuery query, ReadActions read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.ListAsync(person, query.ToFilter(), ct)));
        actions.MapGet("/export", ExportAsync);
        actions.MapGet("/{id:int}", async Task<Ok<ActionView>> (int id, ReadActions read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.FindAsync(id, person, ct) ?? throw ProblemException.NotFound("The action")));
        actions.MapPost("/{id:int}/schools/{schoolId}/acknowledge", AcknowledgeAsync);
        actions.MapPost("/{id:int}/schools/{schoolId}/updates", UpdateAsync).WithMetadata(new RequestSizeLimitAttribute(ActionLimits.MaxRequestBytes));
        actions.MapPost("/{id:int}/withdraw", async (int id, WithdrawRequest? request, WithdrawAction withdraw, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await withdraw.WithdrawAsync(id, request, person, ct))).RequireAuthorization(Policies.SendLead);
    }

    private static async Task<Created<CreatedAction>> CreateAsync(CreateActionRequest? request, CreateAction create, SignedInPerson person, CancellationToken cancellationToken)
    {
        var created = await create.CreateAsync(request, person, cancellationToken);
        return TypedResults.Created($"/api/actions/{created.Id}", created);
    }

    private static Task<ExportFile> ExportAsync(string? format, [AsParameters] ActionQuery query, ExportActions export, SignedInPerson person,
        CancellationToken cancellationToken) =>
        export.ExportAsync(person, format, query.ToFilter(), cancellationToken);

    private static async Task<Ok<AcknowledgementResponse>> AcknowledgeAsync(int id, string schoolId, AcknowledgeAction acknowledge, SignedInPerson person,
        CancellationToken cancellationToken)
    {
        var result = await acknowledge.AcknowledgeAsync(person, id, schoolId, cancellationToken);
        return TypedResults.Ok(new AcknowledgementResponse(id, schoolId, result.School.AcknowledgedBy!, result.School.AcknowledgedAt!.Value, result.Recorded));
    }

    private static async Task<Results<Created<ProgressResponse>, Ok<ProgressResponse>>> UpdateAsync(int id, string schoolId, ProgressRequest? request,
        UpdateActionProgress update, SignedInPerson person, CancellationToken cancellationToken)
    {
        var result = await update.RecordAsync(person, id, schoolId, request, cancellationToken);
        var response = new ProgressResponse(id, schoolId, result.School.Status, result.Action.State, result.Update, result.Recorded);
        return result.Recorded ? TypedResults.Created($"/api/actions/{id}", response) : TypedResults.Ok(response);
    }
}
