using Microsoft.Extensions.Options;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Features.Bot;

/// <summary>
/// A bot app id with no way to obtain the bot's own token would start healthy and fail every
/// press and every message: outside Development that stops the app, naming what to set.
/// </summary>
public sealed class CheckBotCredentials(IOptions<TeamsBotOptions> options, IHostEnvironment environment) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var bot = options.Value;
        var credentials = bot.Credentials;
        var hasCredential = !string.IsNullOrWhiteSpace(credentials.ManagedIdentityClientId)
            || !string.IsNullOrWhiteSpace(credentials.ClientSecret)
            || credentials.Certificate is not null;
        if (!environment.IsDevelopment() && !string.IsNullOrWhiteSpace(bot.Authentication.AppId) && !hasCredential)
        {
            throw new StartupException(
                $"{BotFeature.SectionName}:Authentication:AppId is set, but the bot has no credential to send messages with. "
                + $"Set {BotFeature.SectionName}:Credentials:ManagedIdentityClientId (the bot's user-assigned managed identity) "
                + $"or {BotFeature.SectionName}:Credentials:ClientSecret (from the environment or Key Vault, never a file).");
        }

        return Task.CompletedTask;
    }
}
