using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Library;

/// <summary>One file (or web link) a resource has had; never changed once added.</summary>
public sealed class ResourceVersion
{
    public int Id { get; private set; }
    public int ResourceId { get; private set; }
    public int Number { get; internal set; }

    /// <summary>The file's name as shown and downloaded (sanitised); null for a link.</summary>
    [StoredText(StoredText.FreeText)]
    public string? FileName { get; private set; }
    [StoredText(StoredText.Identifier)]
    public string? ContentType { get; private set; }
    public long? Length { get; private set; }

    /// <summary>Hex SHA-256 of the content, to spot the same file uploaded twice.</summary>
    [StoredText(StoredText.Generated)]
    public string? Sha256 { get; private set; }

    /// <summary>Where the store keeps this version's content (opaque to everything but the store).</summary>
    [StoredText(StoredText.Generated)]
    public string? StoreKey { get; private set; }

    /// <summary>The store's own version label, where it keeps versions itself (SharePoint).</summary>
    [StoredText(StoredText.Identifier)]
    public string? StoreVersion { get; private set; }

    /// <summary>The store's item id (see <see cref="LibraryResource.StoreItemId"/>).</summary>
    [StoredText(StoredText.Identifier)]
    public string? StoreItemId { get; private set; }

    /// <summary>A web link resource's address, or the store's page for the file (SharePoint's webUrl).</summary>
    [StoredText(StoredText.Identifier)]
    public string? WebUrl { get; private set; }

    [StoredText(StoredText.FreeText)]
    public string? Note { get; private set; }
    [StoredText(StoredText.Generated)]
    public string AddedByName { get; private set; } = string.Empty;
    [StoredText(StoredText.Identifier)]
    public string? AddedByAadObjectId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>The contribution it was approved from, if it came that way.</summary>
    public int? ContributionId { get; private set; }

    public bool IsLink => FileName is null;

    public static ResourceVersion ForFile(StoredContent stored, string? note, string addedByName, string? addedByAadObjectId, DateTimeOffset at, int? contributionId = null) => new()
    {
        FileName = stored.FileName,
        ContentType = stored.ContentType,
        Length = stored.Length,
        Sha256 = stored.Sha256,
        StoreKey = stored.Key,
        StoreVersion = stored.Version,
        StoreItemId = stored.ItemId,
        WebUrl = stored.WebUrl,
        Note = note,
        AddedByName = addedByName,
        AddedByAadObjectId = addedByAadObjectId,
        AddedAt = at,
        ContributionId = contributionId,
    };

    public static ResourceVersion ForLink(string url, string? note, string addedByName, string? addedByAadObjectId, DateTimeOffset at, int? contributionId = null) => new()
    {
        WebUrl = url,
        Note = note,
        AddedByName = addedByName,
        AddedByAadObjectId = addedByAadObjectId,
        AddedAt = at,
        ContributionId = contributionId,
    };
}

internal sealed class ResourceVersionConfiguration : IEntityTypeConfiguration<ResourceVersion>
{
    public void Configure(EntityTypeBuilder<ResourceVersion> builder)
    {
        builder.ToTable("library_resource_versions");
        builder.HasIndex(v => new { v.ResourceId, v.Number }).IsUnique();
        builder.Property(v => v.FileName).HasMaxLength(LibraryLimits.FileNameLength);
        builder.Property(v => v.ContentType).HasMaxLength(LibraryLimits.ContentTypeLength);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.StoreKey).HasMaxLength(LibraryLimits.StoreKeyLength);
        builder.Property(v => v.StoreVersion).HasMaxLength(64);
        builder.Property(v => v.StoreItemId).HasMaxLength(LibraryLimits.StoreKeyLength);
        builder.Property(v => v.WebUrl).HasMaxLength(LibraryLimits.LinkLength);
        builder.Property(v => v.Note).HasMaxLength(LibraryLimits.NoteLength);
        builder.Property(v => v.AddedByName).HasMaxLength(LibraryLimits.PersonNameLength);
        builder.Property(v => v.AddedByAadObjectId).HasMaxLength(LibraryLimits.AadObjectIdLength);
    }
}
