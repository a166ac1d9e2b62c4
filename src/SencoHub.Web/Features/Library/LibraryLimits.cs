namespace SencoHub.Web.Features.Library;

/// <summary>Sizes that fit a real resource and keep every card and search row small.</summary>
public static class LibraryLimits
{
    public const int TitleLength = 200;
    public const int SummaryLength = 2_000;
    public const int NoteLength = 1_000;
    public const int ReasonLength = 1_000;
    public const int LinkLength = 2_000;
    public const int FileNameLength = 120;
    public const int ContentTypeLength = 120;
    public const int StoreKeyLength = 400;
    public const int PersonNameLength = 200;
    public const int SchoolIdLength = 64;
    public const int AadObjectIdLength = 128;

    /// <summary>Extracted text kept for search per resource; the whole text is still checked for pupil identifiers.</summary>
    public const int IndexedTextLength = 100_000;

    /// <summary>Text checked for pupil identifiers per upload: a document with more is refused rather than stored unchecked.</summary>
    public const int CheckedTextLength = 20_000_000;

    /// <summary>Metadata fields of one upload (the file is counted separately, against the upload size cap).</summary>
    public const int MaxFormFieldBytes = 16 * 1024;
    public const int MaxFormFields = 64;

    public const long MaxJsonRequestBytes = 64 * 1024;

    public const int MaxTake = 100;
    public const int DefaultTake = 20;
}
