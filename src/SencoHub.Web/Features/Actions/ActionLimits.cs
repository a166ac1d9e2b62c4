namespace SencoHub.Web.Features.Actions;

/// <summary>Sizes that fit a real action and keep every card well under 40 KB.</summary>
public static class ActionLimits
{
    public const int TitleLength = 150;
    public const int DetailLength = 4_000;
    public const int NoteLength = 2_000;
    public const int EvidenceUrlLength = 2_000;
    public const int ReasonLength = 500;
    public const int PersonNameLength = 200;

    /// <summary>A due date further away than this is taken for a typing mistake.</summary>
    public const int MaxYearsAhead = 3;

    /// <summary>Updates shown per school on a card; the tab shows the whole log.</summary>
    public const int UpdatesOnCard = 3;

    /// <summary>Actions answered by the <c>actions</c> command (one card each); the rest are in the tab.</summary>
    public const int ActionsInReply = 6;

    /// <summary>The cards of one reply stay under this, well inside Teams' ~100 KB message limit.</summary>
    public const int ReplyBudgetBytes = 64 * 1024;

    public const long MaxRequestBytes = 64 * 1024;
}
