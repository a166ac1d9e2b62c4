using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Library;

/// <summary>The library tab: search as you would with the API (same strict query string), filters with counts, results.</summary>
public sealed class LibraryModel(SearchLibrary search, ReadLibrary read, LibraryAccess access, PersonResolver people) : PageModel
{
    public SignedInPerson Person { get; private set; } = null!;
    public LibrarySearchParameters Parameters { get; private set; } = null!;
    public SearchResults? Results { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool MayContribute { get; private set; }
    public int Waiting { get; private set; }

    /// <summary>The stale list is this page with the stale filter on; <c>/library/stale</c> is its own address for cards.</summary>
    public bool StaleList { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? list, [FromQuery] LibrarySearchParameters parameters, CancellationToken cancellationToken)
    {
        if (list is not null && list != "stale")
        {
            return NotFound();
        }

        Person = (await people.GetAsync(User, cancellationToken))!;
        var staleList = StaleList = list is not null;
        Parameters = staleList ? parameters with { Stale = "true" } : parameters;
        MayContribute = LibraryAccess.MayContribute(Person, await access.SettingsAsync(cancellationToken));
        if (Person.IsSendLead)
        {
            Waiting = (await read.ContributionsAsync(Person, ContributionState.Pending, cancellationToken)).Count;
        }

        try
        {
            Results = await search.SearchAsync(Parameters.ToQuery(), Person, cancellationToken);
        }
        catch (ProblemException refusal) when (refusal.Status == StatusCodes.Status400BadRequest)
        {
            Errors = refusal.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>This search with one parameter changed (paging resets unless it is the one changed).</summary>
    public string Link(string name, string? value)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Parameters.Q, ["category"] = Parameters.Category, ["reviewArea"] = Parameters.ReviewArea, ["needArea"] = Parameters.NeedArea,
            ["phase"] = Parameters.Phase, ["audience"] = Parameters.Audience, ["school"] = Parameters.School,
            ["stale"] = StaleList ? null : Parameters.Stale, ["take"] = Parameters.Take,
        };
        values[name] = value;
        var query = QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
        return (StaleList ? "/library/stale" : "/library") + query;
    }

    public string? Selected(string name) => name switch
    {
        "category" => Parameters.Category,
        "reviewArea" => Parameters.ReviewArea,
        "needArea" => Parameters.NeedArea,
        "phase" => Parameters.Phase,
        "audience" => Parameters.Audience,
        "school" => Parameters.School,
        _ => null,
    };
}
