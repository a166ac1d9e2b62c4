using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Strategy;

/// <summary><c>/api/strategy</c>: everyone signed in reads; only the SEND lead writes (403 for anyone else).</summary>
internal static class StrategyApi
{
    public static void Map(RouteGroupBuilder strategy)
    {
        strategy.MapGet("/", CurrentAsync).ProducesProblem(StatusCodes.Status404NotFound);
        strategy.MapGet("/versions", async (ReadStrategy read, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await read.ListAsync(person, ct)));
        strategy.MapGet("/versions/{id:int}", VersionAsync);
        strategy.MapPost("/versions", CreateAsync).RequireAuthorization(Policies.SendLead)
            .WithMetadata(new RequestSizeLimitAttribute(StrategyLimits.MaxRequestBytes));
        strategy.MapPut("/versions/{id:int}", EditAsync).RequireAuthorization(Policies.SendLead)
            .WithMetadata(new RequestSizeLimitAttribute(StrategyLimits.MaxRequestBytes));
        strategy.MapPost("/versions/{id:int}/publish", async (int id, PublishStrategy publish, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await publish.PublishAsync(id, person, ct))).RequireAuthorization(Policies.SendLead);
        strategy.MapGet("/versions/{id:int}/acknowledgements", async (int id, ListAcknowledgements list, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await list.BoardAsync(id, person, ct))).RequireAuthorization(Policies.TrustWideRead);
        strategy.MapPost("/versions/{id:int}/nudge", async (int id, NudgeHeadteachers nudge, SignedInPerson person, CancellationToken ct) =>
            TypedResults.Ok(await nudge.NowAsync(id, person, ct))).RequireAuthorization(Policies.SendLead);
    }

    private static async Task<Ok<StrategyVersionView>> CurrentAsync(ReadStrategy read, CancellationToken cancellationToken) =>
        TypedResults.Ok(await read.CurrentAsync(withChanges: true, cancellationToken) ?? throw ProblemException.NotFound("A published trust SEND strategy"));

    private static async Task<Ok<StrategyVersionView>> VersionAsync(int id, ReadStrategy read, SignedInPerson person, CancellationToken cancellationToken) =>
        TypedResults.Ok(await read.FindAsync(id, person, withChanges: true, cancellationToken) ?? throw ProblemException.NotFound("The strategy version"));

    private static async Task<Created<CreatedDraft>> CreateAsync(StrategyDraftRequest? request, CreateStrategyDraft create, SignedInPerson person, CancellationToken cancellationToken)
    {
        var draft = await create.CreateAsync(request, person, cancellationToken);
        return TypedResults.Created($"/api/strategy/versions/{draft.Id}", draft);
    }

    private static async Task<Ok<StrategyVersionView>> EditAsync(int id, StrategyDraftRequest? request, EditStrategyDraft edit, ReadStrategy read,
        SignedInPerson person, CancellationToken cancellationToken)
    {
        await edit.EditAsync(id, request, person, cancellationToken);
        return TypedResults.Ok((await read.FindAsync(id, person, withChanges: true, cancellationToken))!);
    }
}
