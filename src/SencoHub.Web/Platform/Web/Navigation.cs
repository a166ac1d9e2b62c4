namespace SencoHub.Web.Platform.Web;

/// <summary>
/// The tab shell's sections. Each feature registers its own entry (title, path, place in the order), so a new
/// feature appears in the shell without Platform knowing it.
/// </summary>
public sealed class Navigation
{
    private readonly Dictionary<string, NavEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The entries in their order (ties by key, so the order never depends on registration).</summary>
    public IReadOnlyList<NavEntry> Entries => [.. _entries.Values.OrderBy(e => e.Order).ThenBy(e => e.Key, StringComparer.Ordinal)];

    public void Register(NavEntry entry) => _entries[entry.Key] = entry;

    public NavEntry? Find(string key) => _entries.GetValueOrDefault(key);
}

/// <param name="Key">What pages set as <c>ViewData["Section"]</c> to be marked current.</param>
/// <param name="Order">Place in the bar, lowest first: home 0, then features in tens (strategy 10, check-ins 20, actions 30), admin 90.</param>
public sealed record NavEntry(string Key, string Path, string Title, int Order, bool SendLeadOnly);

public static class NavigationExtensions
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, string key, string path, string title, int order, bool sendLeadOnly = false)
    {
        var navigation = services.FirstOrDefault(d => d.ServiceType == typeof(Navigation))?.ImplementationInstance as Navigation;
        if (navigation is null)
        {
            navigation = new Navigation();
            services.AddSingleton(navigation);
        }

        navigation.Register(new NavEntry(key, path, title, order, sendLeadOnly));
        return services;
    }
}
