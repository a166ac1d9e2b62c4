using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SencoHub.Web.Platform.Data;

namespace SencoHub.Web.Features.Library;

/// <summary>How far the index has read a store's change feed (SharePoint's delta link), one row per store.</summary>
public sealed class LibraryStoreCursor
{
    public const int CursorLength = 4_000;

    private LibraryStoreCursor()
    {
    }

    public int Id { get; private set; }

    [StoredText(StoredText.Identifier)]
    public string Store { get; private set; } = string.Empty;

    /// <summary>The store's own cursor (a Graph delta or next link); null: read everything from the start.</summary>
    [StoredText(StoredText.Generated)]
    public string? Cursor { get; private set; }

    public DateTimeOffset? SyncedAt { get; private set; }

    /// <summary>Bumped on every move, so two instances reading the same feed cannot both move it.</summary>
    public int Revision { get; private set; }

    public static LibraryStoreCursor For(ResourceStoreKind store) => new() { Store = store.ToString() };

    public void MoveTo(string? cursor, DateTimeOffset at)
    {
        Cursor = cursor;
        SyncedAt = at;
        Revision++;
    }
}

internal sealed class LibraryStoreCursorConfiguration : IEntityTypeConfiguration<LibraryStoreCursor>
{
    public void Configure(EntityTypeBuilder<LibraryStoreCursor> builder)
    {
        builder.ToTable("library_store_cursors");
        builder.Property(c => c.Store).HasMaxLength(32);
        builder.HasIndex(c => c.Store).IsUnique();
        builder.Property(c => c.Cursor).HasMaxLength(LibraryStoreCursor.CursorLength);
        builder.Property(c => c.Revision).IsConcurrencyToken();
    }
}
