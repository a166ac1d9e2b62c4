namespace SencoHub.Web.Features.Strategy;

/// <summary>The editor form as posted: the same fields as the API body, plus empty rows offered for new priorities.</summary>
public sealed class EditorInput
{
    public int? DraftId { get; set; }
    public string? Title { get; set; }
    public string? Vision { get; set; }
    public List<PriorityInput> Priorities { get; set; } = [];

    /// <summary>The API request the form stands for, and which form row each sent priority came from.</summary>
    public (StrategyDraftRequest Request, IReadOnlyList<int> Rows) ToRequest()
    {
        var rows = new List<int>();
        var priorities = new List<PriorityRequest?>();
        for (var i = 0; i < Priorities.Count; i++)
        {
            var row = Priorities[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }

            rows.Add(i);
            priorities.Add(new PriorityRequest(row.Key, row.Title, row.Description, row.ReviewArea, row.SuccessMeasures, row.Owner, row.Timeframe));
        }

        return (new StrategyDraftRequest(Title, Vision, priorities), rows);
    }
}

public sealed class PriorityInput
{
    public string? Key { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? ReviewArea { get; set; }
    public string? SuccessMeasures { get; set; }
    public string? Owner { get; set; }
    public int? Timeframe { get; set; }
    public bool Remove { get; set; }

    /// <summary>An empty row offered for a new priority; ignored when the form is sent.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(SuccessMeasures)
        && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(ReviewArea) && Timeframe is null && string.IsNullOrEmpty(Key);
}
