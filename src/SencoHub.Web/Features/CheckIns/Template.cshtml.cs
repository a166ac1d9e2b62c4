using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.CheckIns;

public sealed class AddQuestionInput
{
    public string? Section { get; set; }
    public QuestionType Type { get; set; }
    public string? Label { get; set; }
    public string? Help { get; set; }
    public bool Required { get; set; }
    public string? Choices { get; set; }
    public int? Min { get; set; }
    public int? Max { get; set; }
    public string? Scale { get; set; }
    public ReviewArea? Area { get; set; }
}

/// <summary>The SEND lead's survey editor: add, remove, reorder, required. Each change saves the next version.</summary>
[Authorize(Policy = Policies.SendLead)]
public sealed class CheckInTemplateModel(PersonResolver people, SencoHubDb db, SaveCheckInTemplate save, IOptions<ScheduleOptions> schedule) : PageModel
{
    public CheckInTemplate Template { get; private set; } = null!;

    public TimeZoneInfo Zone => schedule.Value.ResolveTimeZone();

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool Succeeded { get; set; }

    public static string TypeName(QuestionType type) => type switch
    {
        QuestionType.Number => "Number",
        QuestionType.Rating => "Rating scale",
        QuestionType.Single => "Single choice",
        QuestionType.Multiple => "Multiple choice",
        QuestionType.Short => "Short text",
        QuestionType.Long => "Long text",
        _ => "Yes or no",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Template = await db.CurrentCheckInTemplateAsync(cancellationToken) ?? throw ProblemException.NotFound("The check-in template");

    public Task<IActionResult> OnPostMoveAsync(string question, string direction, int basedOn, CancellationToken cancellationToken) =>
        ChangeAsync(basedOn, survey => TemplateEdits.Move(survey, question, up: direction == "up"), "Moved.", cancellationToken);

    public Task<IActionResult> OnPostRequiredAsync(string question, bool required, int basedOn, CancellationToken cancellationToken) =>
        ChangeAsync(basedOn, survey => TemplateEdits.SetRequired(survey, question, required), required ? "The question is now required." : "The question is now optional.", cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string question, int basedOn, CancellationToken cancellationToken) =>
        ChangeAsync(basedOn, survey => TemplateEdits.Remove(survey, question), "Removed.", cancellationToken);

    public Task<IActionResult> OnPostAddAsync(AddQuestionInput add, int basedOn, CancellationToken cancellationToken) =>
        ChangeAsync(basedOn, survey => TemplateEdits.Add(survey, add.Section ?? string.Empty, new SurveyQuestion
        {
            Type = add.Type,
            Label = add.Label ?? string.Empty,
            Help = add.Help,
            Required = add.Required,
            Min = add.Type == QuestionType.Number ? add.Min : null,
            Max = add.Type == QuestionType.Number ? add.Max : null,
            Options = add.Type is QuestionType.Single or QuestionType.Multiple ? TemplateEdits.OptionsFromLines(add.Choices) : null,
            Scale = add.Type == QuestionType.Rating ? TemplateEdits.Lines(add.Scale) : null,
            Area = add.Type == QuestionType.Rating ? add.Area : null,
        }), $"Added \"{add.Label?.Trim()}\".", cancellationToken);

    private async Task<IActionResult> ChangeAsync(int basedOn, Func<SurveyDefinition, SurveyDefinition> change, string done, CancellationToken cancellationToken)
    {
        var person = (await people.GetAsync(User, cancellationToken))!;
        var current = await db.CurrentCheckInTemplateAsync(cancellationToken) ?? throw ProblemException.NotFound("The check-in template");
        try
        {
            var saved = await save.SaveAsync(change(current.Definition), basedOn, person, cancellationToken);
            (Message, Succeeded) = ($"{done} Saved as version {saved.Version}; rounds already open keep the questions they started with.", true);
        }
        catch (ProblemException refusal)
        {
            (Message, Succeeded) = (refusal.Detail ?? refusal.Title, false);
        }

        return RedirectToPage();
    }
}
