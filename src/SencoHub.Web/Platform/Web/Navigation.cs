namespace SencoHub.Web.Platform.Web;

/// <summary>The tab shell's sections. A feature registers its page; sections not built yet show as "coming soon".</summary>
public sealed class Navigation
{
    public static readonly IReadOnlyList<(string Key, string Title)> Sections =
    [
        ("home", "Home"), ("strategy", "Strategy"), ("checkins", "Check-ins"), ("actions", "Actions"),
        ("library", "Library"), ("cpd", "CPD"), ("admin", "Admin"),
    ];

    private readonly Dictionary<string, NavEntry> _entries = new(StringComparer.Ordinal);

    public void Register(string key, string path, bool sendLeadOnly = false) => _entries[key] = new NavEntry(path, sendLeadOnly);

    public NavEntry? Find(string key) => _entries.GetValueOrDefault(key);
}

public sealed record NavEntry(string Path, bool SendLeadOnly);

public static class NavigationExtensions
{
    public static IServiceCollection AddNavEntry(this IServiceCollection services, string key, string path, bool sendLeadOnly = false)
    {
        var navigation = services.FirstOrDefault(d => d.ServiceType == typeof(Navigation))?.ImplementationInstance as Navigation;
        if (navigation is null)
        {
            navigation = new Navigation();
            services.AddSingleton(navigation);
        }

        navigation.Register(key, path, sendLeadOnly);
        return services;
    }
}
