using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Platform.Data;

/// <summary>
/// The last line of the no-pupil-data rule: every column declared <see cref="StoredText.FreeText"/> or
/// <see cref="StoredText.FreeTextJson"/> is read by <see cref="PupilDataGuard"/> whenever it is added
/// or changed, whichever page, endpoint, card or import wrote it. Use cases still check first, so people
/// get their message by field; this refuses (400, nothing saved) what a forgotten path would let through.
/// Bulk ExecuteUpdate statements bypass it, so none may set free text (none does).
/// </summary>
internal sealed class PupilDataWriteBarrier : SaveChangesInterceptor
{
    public static readonly PupilDataWriteBarrier Instance = new();

    private static readonly ConcurrentDictionary<PropertyInfo, StoredText?> Kinds = new();

    private PupilDataWriteBarrier()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>The declared kind of a stored property; null for one with no CLR property or no declaration.</summary>
    public static StoredText? KindOf(PropertyInfo? property) =>
        property is null ? null : Kinds.GetOrAdd(property, p => p.GetCustomAttribute<StoredTextAttribute>()?.Kind);

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // EF runs this before its own change detection; changes made to tracked entities must be seen.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                CheckEntry(entry);
            }
        }
    }

    private static void CheckEntry(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            var kind = KindOf(property.Metadata.PropertyInfo);
            if (kind is not (StoredText.FreeText or StoredText.FreeTextJson) || (entry.State == EntityState.Modified && !property.IsModified))
            {
                continue;
            }

            var texts = property.CurrentValue switch
            {
                string text => [text],
                IEnumerable<string> many => many,
                _ => [],
            };
            if (texts.Any(text => kind == StoredText.FreeTextJson ? JsonHoldsUpn(text) : PupilDataGuard.ContainsUpn(text)))
            {
                throw ProblemException.Invalid(JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name), PupilDataGuard.Message);
            }
        }
    }

    /// <summary>Every string in the JSON, names too, as read after unescaping ("\u0041" is an A).</summary>
    private static bool JsonHoldsUpn(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && PupilDataGuard.ContainsUpn(reader.GetString()))
            {
                return true;
            }
        }

        return false;
    }
}
