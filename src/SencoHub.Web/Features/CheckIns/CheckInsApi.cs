using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

public sealed record TemplateView(int Version, DateTimeOffset SavedAt, string SavedBy, IReadOnlyList<SurveySection> Sections)
{
    public static TemplateView Of(CheckInTemplate template) => new(template.Version, template.SavedAt, template.SavedBy, template.Definition.Sections);
}

/// <summary>What the template PUT takes: the whole survey, and optionally the version it was edited from.</summary>
public sealed record TemplateInput(int? BasedOnVersion, IReadOnlyList<SurveySection>? Sections);

public sealed record OpenRoundInput(string? AcademicYear, string? HalfTerm, string? ClosesOn);

public sealed record RoundCreated(int Id, string Name, DateOnly ClosesOn, int TemplateVersion, int Schools, int CardsQueued, IReadOnlyList<string> SchoolsWithoutSenco);

public sealed record RoundClosed(int Id, string Name, DateTimeOffset ClosedAt);

/// <summary><c>/api/checkins</c>: bearer tokens, problem details for every refusal.</summary>
public static class CheckInsApi
{
    public const int MaxTemplateBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder checkIns)
    {
        checkIns.MapGet("/template", GetTemplateAsync).ProducesProblem(StatusCodes.Status404NotFound);
        // The body is read by hand (bounded), so its shape is declared for the OpenAPI document.
        checkIns.MapPut("/template", PutTemplateAsync).RequireAuthorization(Policies.SendLead)
            .DescribesJsonBody<TemplateInput>().WithMetadata(new RequestSizeLimitAttribute(MaxTemplateBytes));
        checkIns.MapGet("/rounds", async (SignedInPerson person, ListCheckInRounds list, CancellationToken ct) =>
            TypedResults.Ok(await list.ListAsync(person, ct)));
        checkIns.MapPost("/rounds", OpenRoundAsync).RequireAuthorization(Policies.SendLead);
        checkIns.MapPost("/rounds/{id:int}/close", async (int id, SignedInPerson person, CloseCheckInRound close, CancellationToken ct) =>
        {
            var round = await close.CloseAsync(id, person, ct);
            return TypedResults.Ok(new RoundClosed(round.Id, round.DisplayName, round.ClosedAt!.Value));
        }).RequireAuthorization(Policies.SendLead);
        checkIns.MapPost("/rounds/{id:int}/nudge", async (int id, SignedInPerson person, NudgeCheckIns nudge, CancellationToken ct) =>
            TypedResults.Ok(await nudge.NudgeAsync(id, person, ct))).RequireAuthorization(Policies.SendLead);
        checkIns.MapGet("/rounds/{id:int}/results", async (int id, SignedInPerson person, GetCheckInResults results, CancellationToken ct) =>
            TypedResults.Ok(await results.GetAsync(id, person, ct)));
        checkIns.MapGet("/rounds/{id:int}/export", (int id, string? format, SignedInPerson person, ExportCheckIns export, CancellationToken ct) =>
            export.ExportAsync(id, format, person, ct));
        checkIns.MapGet("/export", (string? format, SignedInPerson person, ExportCheckIns export, CancellationToken ct) =>
            export.ExportAsync(null, format, person, ct));
    }

    private static async Task<Ok<TemplateView>> GetTemplateAsync(SencoHubDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(TemplateView.Of(await db.CurrentCheckInTemplateAsync(cancellationToken)
            ?? throw ProblemException.NotFound("The check-in template")));

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> PutTemplateAsync(HttpRequest request, SignedInPerson person, SaveCheckInTemplate save, CancellationToken cancellationToken)
    {
        var body = await ReadBoundedAsync(request, MaxTemplateBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: 413, title: "The template is too large.", detail: $"A template is at most {MaxTemplateBytes / 1024} KB of JSON.");
        }

        TemplateInput? input;
        try
        {
            input = JsonSerializer.Deserialize<TemplateInput>(body, SurveyDefinition.Json);
        }
        catch (JsonException ex)
        {
            throw ProblemException.UnreadableJson(ex);
        }

        var saved = await save.SaveAsync(new SurveyDefinition { Sections = input?.Sections ?? [] }, input?.BasedOnVersion, person, cancellationToken);
        return TypedResults.Ok(TemplateView.Of(saved));
    }

    private static async Task<Created<RoundCreated>> OpenRoundAsync(OpenRoundInput? input, SignedInPerson person, OpenCheckInRound open, CancellationToken cancellationToken)
    {
        var opened = await open.OpenAsync(input?.AcademicYear, input?.HalfTerm, input?.ClosesOn, person, cancellationToken);
        var round = opened.Round;
        return TypedResults.Created($"/api/checkins/rounds/{round.Id}",
            new RoundCreated(round.Id, round.DisplayName, round.ClosesOn, round.Template.Version, round.SchoolIds.Count, opened.CardsQueued, opened.SchoolsWithoutSenco));
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (whatever Content-Length claims).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
