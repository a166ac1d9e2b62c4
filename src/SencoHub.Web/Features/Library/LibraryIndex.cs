using Microsoft.EntityFrameworkCore;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// Keeps the full-text index in step with the library: every write of a resource writes its search
/// document in the same transaction (the caller's), and the database's own engine (FTS5 triggers
/// on SQLite, a generated tsvector on PostgreSQL) does the rest. The table is created by the
/// hand-written LibrarySearch migrations.
/// </summary>
public sealed class LibraryIndex(SencoHubDb db, DirectoryService directory)
{
    /// <summary>Writes the resource's document. <paramref name="body"/> null keeps the text already indexed (a metadata-only change).</summary>
    public async Task WriteAsync(LibraryResource resource, string? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var tags = await TagTextAsync(resource, cancellationToken);
        if (body is null)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO library_search_documents (resource_id, title, summary, tags, body) VALUES ({resource.Id}, {resource.Title}, {resource.Summary}, {tags}, '')
                ON CONFLICT (resource_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, tags = excluded.tags
                """, cancellationToken);
        }
        else
        {
            var text = body.Length <= LibraryLimits.IndexedTextLength ? body : body[..LibraryLimits.IndexedTextLength];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO library_search_documents (resource_id, title, summary, tags, body) VALUES ({resource.Id}, {resource.Title}, {resource.Summary}, {tags}, {text})
                ON CONFLICT (resource_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, tags = excluded.tags, body = excluded.body
                """, cancellationToken);
        }
    }

    public async Task RemoveAsync(int resourceId, CancellationToken cancellationToken = default) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM library_search_documents WHERE resource_id = {resourceId}", cancellationToken);

    /// <summary>The tags as words, so "SEMH", "primary" or a school's name find a resource too.</summary>
    private async Task<string> TagTextAsync(LibraryResource resource, CancellationToken cancellationToken)
    {
        var words = new List<string> { resource.Category.Display() };
        words.AddRange(resource.ReviewAreas.Select(a => a.Display()));
        words.AddRange(resource.NeedAreas.Select(n => n.Display()));
        if (resource.NeedAreas.Contains(NeedArea.SemhNeeds))
        {
            words.Add("SEMH");
        }

        words.AddRange(resource.Phases.Select(p => p.Display()));
        words.AddRange(resource.Audiences.Select(a => a.Display()));
        if (resource.SchoolId is { } schoolId && await directory.FindSchoolAsync(schoolId, cancellationToken) is { } school)
        {
            words.Add(school.Name);
        }

        if (resource.Versions.FirstOrDefault(v => v.Number == resource.CurrentVersion) is { FileName: { } fileName })
        {
            words.Add(Path.GetFileNameWithoutExtension(fileName));
        }

        return string.Join(" | ", words);
    }
}
