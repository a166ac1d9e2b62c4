using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Features.Library;

/// <summary><c>find &lt;words&gt;</c> (personal chat, channels, group chats): the top results the sender may see, as one card.</summary>
public sealed class ShowLibraryResultsCommand(SearchLibrary search, LibraryCards cards) : IBotCommand
{
    public const int TopResults = 5;
    public const string SayWhat = "Say what to look for, for example: find provision map template";

    public async Task HandleAsync(BotTurn turn, CommandRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Arguments.Trim();
        if (words.Length == 0)
        {
            await turn.ReplyAsync(SayWhat, cancellationToken);
            return;
        }

        words = words[..Math.Min(words.Length, 200)];
        var person = turn.Person!;
        var results = await search.SearchAsync(new LibraryQuery(words, Take: TopResults), person, cancellationToken);
        if (results.Total > 0)
        {
            await turn.ReplyAsync(cards.FindResults(words, results), cancellationToken, $"Library results for {words}");
            return;
        }

        // The suggestions are the filters over everything the sender may see.
        var everything = await search.SearchAsync(new LibraryQuery(Take: 1), person, cancellationToken);
        await turn.ReplyAsync(cards.NothingFound(words, everything.Facets), cancellationToken, "Nothing in the library matched");
    }
}
