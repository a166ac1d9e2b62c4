namespace SencoHub.Web.Platform.Hosting;

/// <summary>Work done once at start, before the server listens (migrations, seeding). Runs in registration order.</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A command-line task: <c>dotnet run --project src/SencoHub.Web -- NAME ARGS</c>.</summary>
public interface ICommand
{
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}

/// <summary>How features register start-up and command-line work; <c>AppRunner</c> runs it.</summary>
public static class StartupRegistrations
{
    public static IServiceCollection AddStartupTask<T>(this IServiceCollection services) where T : class, IStartupTask
    {
        services.AddScoped<T>();
        services.AddSingleton(new StartupTaskEntry(typeof(T)));
        return services;
    }

    public static IServiceCollection AddCommand<T>(this IServiceCollection services, string name) where T : class, ICommand
    {
        services.AddKeyedScoped<ICommand, T>(name);
        services.AddSingleton(new CommandLineEntry(name));
        return services;
    }
}

internal sealed record StartupTaskEntry(Type Type);

internal sealed record CommandLineEntry(string Name);
