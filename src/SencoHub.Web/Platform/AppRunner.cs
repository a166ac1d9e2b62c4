using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Hosting;

namespace SencoHub.Web.Platform;

/// <summary>
/// Starts the app, or runs a command-line task against the same configuration and database.
/// Problems the operator must fix end the process with a message, never a stack trace.
/// </summary>
public static class AppRunner
{
    /// <summary>Our command name, if the first argument is one; kept out of ASP.NET Core's configuration.</summary>
    public static (string? Command, string[] HostArgs) SplitCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=') ? (args[0], []) : (null, args);

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        foreach (var registration in services.GetServices<StartupTaskEntry>())
        {
            await using var scope = services.CreateAsyncScope();
            await ((IStartupTask)scope.ServiceProvider.GetRequiredService(registration.Type)).RunAsync(cancellationToken);
        }
    }

    public static async Task<int> RunSencoHubAsync(this WebApplication app, string[] args)
    {
        try
        {
            // Before anything runs (seeding, migrations, commands), and so before the host would log a stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            var (command, _) = SplitCommand(args);
            if (command is not null)
            {
                return await RunCommandAsync(app, command, args[1..]);
            }

            await InitializeAsync(app.Services);
            app.Lifetime.ApplicationStarted.Register(() => PrintAddresses(app));
            await app.RunAsync();
            return 0;
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"SencoHub cannot start: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (InvalidOptions(ex) is { Count: > 0 } failures)
        {
            // ValidateOnStart: one class throws OptionsValidationException, several an AggregateException of them.
            await Console.Error.WriteLineAsync($"SencoHub cannot start: the configuration is not valid.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Select(f => "  - " + f))}");
            return 1;
        }
    }

    private static List<string> InvalidOptions(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };

    private static async Task<int> RunCommandAsync(WebApplication app, string name, string[] args)
    {
        var known = app.Services.GetServices<CommandLineEntry>().Select(c => c.Name).ToList();
        if (!known.Contains(name))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{name}'. Commands: {string.Join(", ", known)}.");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredKeyedService<ICommand>(name).RunAsync(args, CancellationToken.None);
    }

    private static void PrintAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var signIn = app.Environment.IsDevelopment() ? $" — sign in as any demo person at {address}/dev/sign-in" : string.Empty;
            Console.WriteLine($"SencoHub is running at {address}{signIn}");
        }
    }
}
