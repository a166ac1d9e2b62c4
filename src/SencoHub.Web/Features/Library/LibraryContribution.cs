using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Library;

[JsonConverter(typeof(JsonStringEnumConverter<ContributionState>))]
public enum ContributionState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A file (or link) someone offered the library, waiting unpublished in the file store for the SEND
/// lead: approved, it becomes a resource (or a new version of one); rejected, it is deleted from
/// the file store and only this record, with the reason, remains.
/// </summary>
public sealed class LibraryContribution
{
    private LibraryContribution()
    {
    }

    public int Id { get; private set; }
    public ContributionState State { get; private set; }

    [StoredText(StoredText.FreeText)]
    public string Title { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Summary { get; private set; } = string.Empty;
    public ResourceCategory Category { get; private set; }
    public int ReviewAreaBits { get; private set; }
    public int NeedAreaBits { get; private set; }
    public int PhaseBits { get; private set; }
    public int AudienceBits { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string? SchoolId { get; private set; }

    /// <summary>The published resource this is a new version of; null for a new resource.</summary>
    public int? ForResourceId { get; private set; }

    [StoredText(StoredText.FreeText)]
    public string? FileName { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string? ContentType { get; private set; }
    public long? Length { get; private set; }
    [StoredText(StoredText.Generated)]
    public string? Sha256 { get; private set; }

    /// <summary>Where the waiting file is in the file store; cleared once it has left it.</summary>
    [StoredText(StoredText.Generated)]
    public string? FileKey { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string? Link { get; private set; }

    /// <summary>The text extracted for search when it arrived (already checked), so approval need not read the file again.</summary>
    [StoredText(StoredText.Generated)]
    public string IndexText { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string? Note { get; private set; }

    public int ContributorPersonId { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string ContributorAadObjectId { get; private set; } = string.Empty;
    [StoredText(StoredText.Generated)]
    public string ContributorName { get; private set; } = string.Empty;
    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }
    [StoredText(StoredText.Generated)]
    public string? DecidedByName { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string? RejectionReason { get; private set; }

    /// <summary>The resource it became (or became a version of) once approved.</summary>
    public int? ResourceId { get; private set; }

    public int Revision { get; private set; }

    public bool IsLink => FileName is null;

    public ResourceMetadata Metadata => new(Title, Summary, Category, LibraryTags.ReviewAreas(ReviewAreaBits), LibraryTags.NeedAreas(NeedAreaBits),
        LibraryTags.Phases(PhaseBits), LibraryTags.Audiences(AudienceBits), SchoolId);

    public static LibraryContribution OfFile(ResourceMetadata metadata, int? forResourceId, StoredContent file, string indexText, string? note, SignedInPerson by, DateTimeOffset at)
    {
        var contribution = New(metadata, forResourceId, note, by, at);
        contribution.FileName = file.FileName;
        contribution.ContentType = file.ContentType;
        contribution.Length = file.Length;
        contribution.Sha256 = file.Sha256;
        contribution.FileKey = file.Key;
        contribution.IndexText = indexText;
        return contribution;
    }

    public static LibraryContribution OfLink(ResourceMetadata metadata, int? forResourceId, string link, string? note, SignedInPerson by, DateTimeOffset at)
    {
        var contribution = New(metadata, forResourceId, note, by, at);
        contribution.Link = link;
        return contribution;
    }

    public void Describe(ResourceMetadata metadata)
    {
        EnsurePending();
        Title = metadata.Title;
        Summary = metadata.Summary;
        Category = metadata.Category;
        ReviewAreaBits = LibraryTags.Bits(metadata.ReviewAreas);
        NeedAreaBits = LibraryTags.Bits(metadata.NeedAreas);
        PhaseBits = LibraryTags.Bits(metadata.Phases);
        AudienceBits = LibraryTags.Bits(metadata.Audiences);
        SchoolId = metadata.SchoolId;
        Revision++;
    }

    public void Approve(int resourceId, string by, DateTimeOffset at)
    {
        EnsurePending();
        State = ContributionState.Approved;
        ResourceId = resourceId;
        DecidedByName = by;
        DecidedAt = at;
        FileKey = null;
        Revision++;
    }

    public void Reject(string reason, string by, DateTimeOffset at)
    {
        EnsurePending();
        State = ContributionState.Rejected;
        RejectionReason = reason;
        DecidedByName = by;
        DecidedAt = at;
        FileKey = null;
        IndexText = string.Empty;
        Revision++;
    }

    private void EnsurePending()
    {
        if (State != ContributionState.Pending)
        {
            throw ProblemException.Conflict($"This contribution was already {State.ToString().ToLowerInvariant()}{(DecidedByName is null ? string.Empty : $" by {DecidedByName}")}.");
        }
    }

    private static LibraryContribution New(ResourceMetadata metadata, int? forResourceId, string? note, SignedInPerson by, DateTimeOffset at)
    {
        var contribution = new LibraryContribution
        {
            State = ContributionState.Pending,
            ForResourceId = forResourceId,
            Note = note,
            ContributorPersonId = by.PersonId,
            ContributorAadObjectId = by.AadObjectId,
            ContributorName = by.Name,
            SubmittedAt = at,
        };
        contribution.Describe(metadata);
        return contribution;
    }
}

internal sealed class LibraryContributionConfiguration : IEntityTypeConfiguration<LibraryContribution>
{
    public void Configure(EntityTypeBuilder<LibraryContribution> builder)
    {
        builder.ToTable("library_contributions");
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.State, c.SubmittedAt });
        builder.HasIndex(c => c.ContributorPersonId);
        builder.Property(c => c.Title).HasMaxLength(LibraryLimits.TitleLength);
        builder.Property(c => c.Summary).HasMaxLength(LibraryLimits.SummaryLength);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SchoolId).HasMaxLength(LibraryLimits.SchoolIdLength);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LibraryResource>().WithMany().HasForeignKey(c => c.ForResourceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<LibraryResource>().WithMany().HasForeignKey(c => c.ResourceId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.FileName).HasMaxLength(LibraryLimits.FileNameLength);
        builder.Property(c => c.ContentType).HasMaxLength(LibraryLimits.ContentTypeLength);
        builder.Property(c => c.Sha256).HasMaxLength(64);
        builder.Property(c => c.FileKey).HasMaxLength(LibraryLimits.StoreKeyLength);
        builder.Property(c => c.Link).HasMaxLength(LibraryLimits.LinkLength);
        builder.Property(c => c.IndexText).HasMaxLength(LibraryLimits.IndexedTextLength);
        builder.Property(c => c.Note).HasMaxLength(LibraryLimits.NoteLength);
        builder.Property(c => c.ContributorAadObjectId).HasMaxLength(LibraryLimits.AadObjectIdLength);
        builder.Property(c => c.ContributorName).HasMaxLength(LibraryLimits.PersonNameLength);
        builder.Property(c => c.DecidedByName).HasMaxLength(LibraryLimits.PersonNameLength);
        builder.Property(c => c.RejectionReason).HasMaxLength(LibraryLimits.ReasonLength);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.Ignore(c => c.Metadata);
    }
}
