using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Review;

namespace SencoHub.Web.Features.Library;

/// <summary>What to look for; every filter optional. <see cref="Text"/> may be half-typed.</summary>
public sealed record LibraryQuery(
    string? Text = null,
    ResourceCategory? Category = null,
    ReviewArea? ReviewArea = null,
    NeedArea? NeedArea = null,
    SchoolPhase? Phase = null,
    Role? Audience = null,
    string? SchoolId = null,
    bool StaleOnly = false,
    int Skip = 0,
    int Take = LibraryLimits.DefaultTake);

/// <summary>
/// Searches the library with the database's own full-text engine, so every instance searches the
/// same index: SQLite FTS5 (Porter stemmer, bm25) or PostgreSQL ('english' tsvector, ts_rank). Words
/// match in any order, stemmed ("assessments" finds "assessment"), and each word as a prefix, so
/// results come while typing. The matching rows come back with their tags (bit sets), and filters,
/// counts per filter value and paging are worked out in one pass over them; only the page is then
/// read in full. People see only resources meant for their roles.
/// </summary>
public sealed partial class SearchLibrary(SencoHubDb db, DirectoryService directory, CalendarService calendar, LibraryReadiness readiness, IOptions<LibraryOptions> options)
{
    private const int MaxTerms = 12;
    private const int MaxTermLength = 40;

    public async Task<SearchResults> SearchAsync(LibraryQuery query, SignedInPerson person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(person);
        await readiness.WaitAsync(cancellationToken);
        var terms = Terms(query.Text);
        var today = calendar.Today();
        var staleBefore = today.AddMonths(-options.Value.StaleAfterMonths);
        var roles = person.Roles.Select(r => r.Role).ToList();
        var rows = (await MatchAsync(terms, cancellationToken)).Where(r => LibraryResource.IsVisibleTo(r.AudienceBits, roles)).ToList();

        var matches = rows.Select(r => new Filtered(r, query, staleBefore)).ToList();
        var facets = Facets(matches, await SchoolNamesAsync(cancellationToken), staleBefore);
        var hits = matches.Where(m => m.PassesAll).Select(m => m.Row)
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Id).ToList();
        var skip = Math.Max(0, query.Skip);
        var take = Math.Clamp(query.Take, 1, LibraryLimits.MaxTake);
        var page = hits.Skip(skip).Take(take).Select(r => r.Id).ToList();
        return new SearchResults(query.Text, hits.Count, skip, take, await SummariesAsync(page, today, cancellationToken), facets);
    }

    /// <summary>Resources by id, as summaries, in the order given (skipping any that no longer exist).</summary>
    public async Task<IReadOnlyList<ResourceSummaryView>> SummariesAsync(IReadOnlyList<int> ids, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var resources = await db.Set<LibraryResource>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var current = await db.Set<ResourceVersion>().AsNoTracking()
            .Where(v => ids.Contains(v.ResourceId) && db.Set<LibraryResource>().Any(r => r.Id == v.ResourceId && r.CurrentVersion == v.Number))
            .ToDictionaryAsync(v => v.ResourceId, cancellationToken);
        var schools = await SchoolNamesAsync(cancellationToken);
        return [.. ids.Where(resources.ContainsKey).Select(id => LibraryViews.Summary(resources[id], current.GetValueOrDefault(id), schools, today, options.Value.StaleAfterMonths))];
    }

    /// <summary>The words of a query as the engines want them: letters and digits only (no operator can be injected), lower case, a few at most.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        [.. Word().Matches(text ?? string.Empty).Select(m => m.Value.ToLowerInvariant()).Where(t => t.Length <= MaxTermLength).Distinct().Take(MaxTerms)];

    private Task<List<MatchRow>> MatchAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        if (terms.Count == 0)
        {
            return db.Database.SqlQuery<MatchRow>($"""
                SELECT r."Id", 0.0 AS "Score", r."Category", r."ReviewAreaBits", r."NeedAreaBits", r."PhaseBits", r."AudienceBits", r."SchoolId", r."LastReviewedOn"
                FROM library_resources r
                """).ToListAsync(cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" & ", terms.Select(t => t + ":*"));
            return db.Database.SqlQuery<MatchRow>($"""
                SELECT r."Id", ts_rank(d.document, q)::float8 AS "Score", r."Category", r."ReviewAreaBits", r."NeedAreaBits", r."PhaseBits", r."AudienceBits", r."SchoolId", r."LastReviewedOn"
                FROM library_search_documents d
                JOIN library_resources r ON r."Id" = d.resource_id
                CROSS JOIN to_tsquery('english', {tsquery}) q
                WHERE numnode(q) = 0 OR d.document @@ q
                """).ToListAsync(cancellationToken);
        }

        // Each word quoted (so FTS5 reads no operator in it) and a prefix; bm25 is lower for better matches.
        var match = string.Join(" ", terms.Select(t => $"\"{t}\"*"));
        return db.Database.SqlQuery<MatchRow>($"""
            SELECT r."Id", -bm25(library_search, 10.0, 3.0, 5.0, 1.0) AS "Score", r."Category", r."ReviewAreaBits", r."NeedAreaBits", r."PhaseBits", r."AudienceBits", r."SchoolId", r."LastReviewedOn"
            FROM library_search
            JOIN library_resources r ON r."Id" = library_search.rowid
            WHERE library_search MATCH {match}
            """).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, string>> SchoolNamesAsync(CancellationToken cancellationToken) =>
        (await directory.ListSchoolsAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);

    private static LibraryFacets Facets(List<Filtered> matches, IReadOnlyDictionary<string, string> schoolNames, DateOnly staleBefore)
    {
        var category = Enum.GetValues<ResourceCategory>().Select(c => new FacetCount(c.ToString(), c.Display(),
            matches.Count(m => m.PassesAllBut(Facet.Category) && m.Row.Category == c.ToString()))).ToList();
        var reviewArea = ReviewAreas.All.Select(a => new FacetCount(a.ToString(), a.Display(),
            matches.Count(m => m.PassesAllBut(Facet.ReviewArea) && (m.Row.ReviewAreaBits & LibraryTags.Bit(a)) != 0))).ToList();
        var needArea = Enum.GetValues<NeedArea>().Select(n => new FacetCount(n.ToString(), n.Display(),
            matches.Count(m => m.PassesAllBut(Facet.NeedArea) && (m.Row.NeedAreaBits & LibraryTags.Bit(n)) != 0))).ToList();
        var phase = Enum.GetValues<SchoolPhase>().Select(p => new FacetCount(p.ToString(), p.Display(),
            matches.Count(m => m.PassesAllBut(Facet.Phase) && (m.Row.PhaseBits & LibraryTags.Bit(p)) != 0))).ToList();
        var audience = Enum.GetValues<Role>().Select(r => new FacetCount(r.ToString(), r.Display(),
            matches.Count(m => m.PassesAllBut(Facet.Audience) && (m.Row.AudienceBits & LibraryTags.Bit(r)) != 0))).ToList();
        var school = matches.Where(m => m.PassesAllBut(Facet.School) && m.Row.SchoolId is not null).GroupBy(m => m.Row.SchoolId!)
            .Select(g => new FacetCount(g.Key, schoolNames.GetValueOrDefault(g.Key, g.Key), g.Count()))
            .OrderBy(f => f.Label, StringComparer.OrdinalIgnoreCase).ToList();
        var stale = matches.Count(m => m.PassesAllBut(Facet.Stale) && m.Row.LastReviewedOn <= staleBefore);
        return new LibraryFacets(category, reviewArea, needArea, phase, audience, school, stale);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    private enum Facet
    {
        Category,
        ReviewArea,
        NeedArea,
        Phase,
        Audience,
        School,
        Stale,
    }

    /// <summary>One matching row and which filters it passes, worked out once.</summary>
    private sealed class Filtered
    {
        private readonly bool[] _passes = new bool[7];

        public Filtered(MatchRow row, LibraryQuery query, DateOnly staleBefore)
        {
            Row = row;
            _passes[(int)Facet.Category] = query.Category is not { } c || row.Category == c.ToString();
            _passes[(int)Facet.ReviewArea] = query.ReviewArea is not { } a || (row.ReviewAreaBits & LibraryTags.Bit(a)) != 0;
            _passes[(int)Facet.NeedArea] = query.NeedArea is not { } n || (row.NeedAreaBits & LibraryTags.Bit(n)) != 0;
            _passes[(int)Facet.Phase] = query.Phase is not { } p || (row.PhaseBits & LibraryTags.Bit(p)) != 0;
            _passes[(int)Facet.Audience] = query.Audience is not { } r || (row.AudienceBits & LibraryTags.Bit(r)) != 0;
            _passes[(int)Facet.School] = query.SchoolId is null || row.SchoolId == query.SchoolId;
            _passes[(int)Facet.Stale] = !query.StaleOnly || row.LastReviewedOn <= staleBefore;
            PassesAll = _passes.All(x => x);
        }

        public MatchRow Row { get; }
        public bool PassesAll { get; }

        public bool PassesAllBut(Facet facet)
        {
            for (var i = 0; i < _passes.Length; i++)
            {
                if (i != (int)facet && !_passes[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>A matching resource with what filtering needs; read by raw SQL on either engine.</summary>
public sealed class MatchRow
{
    public int Id { get; set; }
    public double Score { get; set; }
    public string Category { get; set; } = string.Empty;
    public int ReviewAreaBits { get; set; }
    public int NeedAreaBits { get; set; }
    public int PhaseBits { get; set; }
    public int AudienceBits { get; set; }
    public string? SchoolId { get; set; }
    public DateOnly LastReviewedOn { get; set; }
}
