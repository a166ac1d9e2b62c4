using SencoHub.Teams.Cards;
using SencoHub.Teams.Hosting;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Platform.Bot;

/// <summary>A bot command a feature offers (<c>strategy</c>, <c>check-in</c> …), answered in the conversation.</summary>
public interface IBotCommand
{
    Task HandleAsync(BotTurn turn, CommandRequest command, CancellationToken cancellationToken);
}

/// <summary>A card button (Action.Execute verb, or the Action.Submit fallback) a feature handles.</summary>
public interface ICardAction
{
    Task<AdaptiveCardInvokeResponse> HandleAsync(BotTurn turn, CardActionRequest action, CancellationToken cancellationToken);
}

/// <summary>
/// A search message extension (a manifest <c>composeExtensions</c> query command): answers
/// <c>composeExtension/query</c>, and <c>composeExtension/selectItem</c> for the previews it made,
/// whose tap value carries its command id.
/// </summary>
public interface IMessageExtension
{
    Task<InvokeResponse> QueryAsync(BotTurn turn, MessagingExtensionQuery query, CancellationToken cancellationToken);

    Task<InvokeResponse> SelectItemAsync(BotTurn turn, System.Text.Json.JsonElement value, CancellationToken cancellationToken);
}

/// <summary>What features register with the bot; read once to build the router and the help card.</summary>
public sealed class BotRegistry
{
    internal List<CommandRegistration> Commands { get; } = [];
    internal List<(string Verb, Type Handler)> CardActions { get; } = [];
    internal List<(string CommandId, Type Handler)> MessageExtensions { get; } = [];

    /// <summary>The commands someone in these roles can use, for the help card.</summary>
    public IReadOnlyList<CommandRegistration> CommandsFor(SignedInPerson person) =>
        [.. Commands.Where(c => c.ForRoles.Count == 0 || person.Roles.Any(r => c.ForRoles.Contains(r.Role)))];
}

public sealed record CommandRegistration(string Name, string Usage, string Description, IReadOnlyList<Role> ForRoles, Type Handler);

public static class BotRegistrationExtensions
{
    /// <param name="usage">How to type it, e.g. <c>find &lt;words&gt;</c>.</param>
    /// <param name="forRoles">Who sees it in help; empty = everyone. The handler still checks roles itself.</param>
    public static IServiceCollection AddBotCommand<THandler>(this IServiceCollection services, string name, string usage, string description, params Role[] forRoles)
        where THandler : class, IBotCommand
    {
        services.AddScoped<THandler>();
        Registry(services).Commands.Add(new CommandRegistration(name, usage, description, forRoles, typeof(THandler)));
        return services;
    }

    public static IServiceCollection AddCardAction<THandler>(this IServiceCollection services, string verb)
        where THandler : class, ICardAction
    {
        services.AddScoped<THandler>();
        Registry(services).CardActions.Add((verb, typeof(THandler)));
        return services;
    }

    /// <param name="commandId">The manifest's command id; selectItem tap values must carry it as <c>commandId</c>.</param>
    public static IServiceCollection AddMessageExtension<THandler>(this IServiceCollection services, string commandId)
        where THandler : class, IMessageExtension
    {
        services.AddScoped<THandler>();
        Registry(services).MessageExtensions.Add((commandId, typeof(THandler)));
        return services;
    }

    private static BotRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(BotRegistry))?.ImplementationInstance is BotRegistry registry)
        {
            return registry;
        }

        registry = new BotRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
