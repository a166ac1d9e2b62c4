using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Review;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// A published resource: its description (searchable, filterable) and its version history; the
/// content itself lives in the <see cref="IResourceStore"/>. Tags are kept as bit sets
/// (<see cref="LibraryTags"/>); the typed lists are read from them.
/// </summary>
public sealed class LibraryResource
{
    private LibraryResource()
    {
    }

    public int Id { get; private set; }
    [StoredText(StoredText.FreeText)]
    public string Title { get; private set; } = string.Empty;
    [StoredText(StoredText.FreeText)]
    public string Summary { get; private set; } = string.Empty;
    public ResourceCategory Category { get; private set; }
    public int ReviewAreaBits { get; private set; }
    public int NeedAreaBits { get; private set; }
    public int PhaseBits { get; private set; }
    public int AudienceBits { get; private set; }

    /// <summary>The contributing school, if any.</summary>
    [StoredText(StoredText.Identifier)]
    public string? SchoolId { get; private set; }

    public DateOnly LastReviewedOn { get; private set; }
    [StoredText(StoredText.Generated)]
    public string LastReviewedByName { get; private set; } = string.Empty;

    /// <summary>The number of the newest entry in <see cref="Versions"/>.</summary>
    public int CurrentVersion { get; private set; }

    /// <summary>
    /// The store's own id for the document, shared by its versions where the store keeps versions
    /// itself (a SharePoint drive item); null for a link or a store that keeps one file per version.
    /// Resources added in SharePoint directly are matched to their items by it.
    /// </summary>
    [StoredText(StoredText.Identifier)]
    public string? StoreItemId { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Bumped by every change, so two edits at once cannot both win.</summary>
    public int Revision { get; private set; }

    public List<ResourceVersion> Versions { get; private set; } = [];

    public IReadOnlyList<ReviewArea> ReviewAreas => LibraryTags.ReviewAreas(ReviewAreaBits);
    public IReadOnlyList<NeedArea> NeedAreas => LibraryTags.NeedAreas(NeedAreaBits);
    public IReadOnlyList<SchoolPhase> Phases => LibraryTags.Phases(PhaseBits);
    public IReadOnlyList<Role> Audiences => LibraryTags.Audiences(AudienceBits);

    public ResourceMetadata Metadata => new(Title, Summary, Category, ReviewAreas, NeedAreas, Phases, Audiences, SchoolId);

    public static LibraryResource Publish(ResourceMetadata metadata, ResourceVersion first, DateOnly reviewedOn, string reviewedBy, DateTimeOffset at)
    {
        var resource = new LibraryResource { PublishedAt = at, LastReviewedOn = reviewedOn, LastReviewedByName = reviewedBy };
        resource.Describe(metadata, at);
        resource.AddVersion(first, at);
        return resource;
    }

    public void Describe(ResourceMetadata metadata, DateTimeOffset at)
    {
        Title = metadata.Title;
        Summary = metadata.Summary;
        Category = metadata.Category;
        ReviewAreaBits = LibraryTags.Bits(metadata.ReviewAreas);
        NeedAreaBits = LibraryTags.Bits(metadata.NeedAreas);
        PhaseBits = LibraryTags.Bits(metadata.Phases);
        AudienceBits = LibraryTags.Bits(metadata.Audiences);
        SchoolId = metadata.SchoolId;
        Touch(at);
    }

    /// <summary>A new file or link; the earlier ones stay in the history.</summary>
    public void AddVersion(ResourceVersion version, DateTimeOffset at)
    {
        version.Number = CurrentVersion + 1;
        CurrentVersion = version.Number;
        StoreItemId = version.StoreItemId;
        Versions.Add(version);
        Touch(at);
    }

    public void MarkReviewed(DateOnly on, string by, DateTimeOffset at)
    {
        LastReviewedOn = on;
        LastReviewedByName = by;
        Touch(at);
    }

    /// <summary>Not reviewed for <paramref name="months"/> months or more.</summary>
    public bool IsStale(DateOnly today, int months) => IsStale(LastReviewedOn, today, months);

    public static bool IsStale(DateOnly lastReviewedOn, DateOnly today, int months) => lastReviewedOn <= today.AddMonths(-months);

    /// <summary>
    /// Whether someone with these roles may see it: the SEND lead sees everything; everyone else sees
    /// a resource meant for everyone (no audience) or for one of their roles.
    /// </summary>
    public static bool IsVisibleTo(int audienceBits, IEnumerable<Role> roles)
    {
        var held = roles.ToList();
        return held.Contains(Role.SendLead) || audienceBits == 0 || (audienceBits & LibraryTags.Bits(held)) != 0;
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Revision++;
    }
}

internal sealed class LibraryResourceConfiguration : IEntityTypeConfiguration<LibraryResource>
{
    public void Configure(EntityTypeBuilder<LibraryResource> builder)
    {
        builder.ToTable("library_resources");
        builder.Property(r => r.Title).HasMaxLength(LibraryLimits.TitleLength);
        builder.Property(r => r.Summary).HasMaxLength(LibraryLimits.SummaryLength);
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SchoolId).HasMaxLength(LibraryLimits.SchoolIdLength);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.LastReviewedByName).HasMaxLength(LibraryLimits.PersonNameLength);
        builder.Property(r => r.StoreItemId).HasMaxLength(LibraryLimits.StoreKeyLength);
        builder.HasIndex(r => r.StoreItemId).IsUnique();
        builder.HasIndex(r => r.LastReviewedOn);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.ReviewAreas);
        builder.Ignore(r => r.NeedAreas);
        builder.Ignore(r => r.Phases);
        builder.Ignore(r => r.Audiences);
        builder.Ignore(r => r.Metadata);
    }
}
