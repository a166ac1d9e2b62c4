using System.Text.Json;
using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Features.Library;

/// <summary>
/// The <c>searchLibrary</c> message extension: results as the caller types (only what their roles may
/// see), paged by Teams' skip and count; opening it with no words lists the newest resources. Each result
/// inserts the resource card; a tapped preview comes back as <c>composeExtension/selectItem</c>.
/// </summary>
public sealed class LibrarySearchExtension(SearchLibrary search, ReadLibrary read, LibraryCards cards) : IMessageExtension
{
    public const string CommandId = "searchLibrary";

    public async Task<InvokeResponse> QueryAsync(BotTurn turn, MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(query);
        var words = query.IsInitialRun ? null : query.Parameters.GetValueOrDefault("query", query.QueryText ?? string.Empty).Trim();
        words = string.IsNullOrEmpty(words) ? null : words[..Math.Min(words.Length, 200)];
        var take = Math.Clamp(query.Count, 1, LibraryLimits.MaxTake);
        var skip = Math.Clamp(query.Skip, 0, 100_000);

        // With no words every score is equal and results come newest first.
        var results = await search.SearchAsync(new LibraryQuery(words, Skip: skip, Take: take), turn.Person!, cancellationToken);
        if (results.Total == 0 && skip == 0)
        {
            return MessagingExtensionResponse.Message(words is null
                ? "The library has nothing you can see yet."
                : "Nothing in the library matches. Try fewer or shorter words.");
        }

        return MessagingExtensionResponse.Result(results.Items.Select(r => cards.SearchResult(r, CommandId)));
    }

    public async Task<InvokeResponse> SelectItemAsync(BotTurn turn, JsonElement value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var id = value.TryGetProperty("resourceId", out var r) && r.TryGetInt32(out var n) ? n : 0;
        var detail = id > 0 ? await read.FindAsync(id, turn.Person!, cancellationToken) : null;
        return detail is null
            ? MessagingExtensionResponse.Message("That resource is no longer in the library, or is not meant for your role.")
            : MessagingExtensionResponse.Result([cards.SearchResult(detail.Resource, CommandId)]);
    }
}
