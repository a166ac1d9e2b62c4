namespace SencoHub.Teams.Hosting;

/// <summary>The app's turn handler. <see cref="ActivityRouter"/> is one; an app may write its own.</summary>
public interface IBotHandler
{
    /// <summary>
    /// Handles one activity. Return the invoke answer for invokes (null = 200 <c>{}</c>); the result
    /// is ignored for other activities. <paramref name="cancellationToken"/> is not tied to the
    /// HTTP request: an invoke that overruns its budget keeps running in the background.
    /// </summary>
    Task<BotResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}
