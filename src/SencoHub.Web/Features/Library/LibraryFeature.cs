using Microsoft.Extensions.Options;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Storage;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Library;

public static class LibraryFeature
{
    public static IServiceCollection AddLibrary(this IServiceCollection services)
    {
        services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.SectionName).ValidateDataAnnotations()
            .Validate<IServiceProviderIsKeyedService>((o, registered) => registered.IsKeyedService(typeof(IResourceStore), o.ResolveStore()),
                "SencoHub:Library asks for a resource store this build does not include.")
            .Validate(o => o.ResolveStore() != ResourceStoreKind.SharePoint || SharePointLibraryOptions.TryParseSite(o.SharePoint.SiteUrl, out _, out _),
                "SencoHub:Library:SharePoint:SiteUrl must be the SEND site's https address with its path, e.g. https://contoso.sharepoint.com/sites/SEND.")
            .Validate<IOptions<GraphOptions>>((o, graph) => o.ResolveStore() != ResourceStoreKind.SharePoint || graph.Value.Enabled,
                "SencoHub:Library keeps the library in SharePoint, which needs Microsoft Graph: set SencoHub:Graph:Enabled=true with its credential (the managed identity, granted Sites.Selected on the site).")
            .Validate(o => o.Uploads.EffectiveExtensions.All(UploadRules.CheckableTypes.ContainsKey),
                $"SencoHub:Library:Uploads:AllowedExtensions may only list types SencoHub can check: {string.Join(", ", UploadRules.CheckableTypes.Keys)}.")
            .ValidateOnStart();
        services.AddSencoHubStorage();
        services.AddSencoHubGraph();
        services.AddScoped<UploadInspector>();
        services.AddScoped<LibraryIndex>();
        services.AddScoped<SearchLibrary>();
        services.AddScoped<LibraryAccess>();
        services.AddScoped<ReadLibrary>();
        services.AddScoped<PublishResource>();
        services.AddScoped<AddResource>();
        services.AddScoped<ReviewContribution>();
        services.AddScoped<EditResource>();
        services.AddSingleton<LibraryCards>();
        services.AddScheduledJob<SendStaleDigest>();
        services.AddSingleton<LibraryReadiness>();
        services.AddScoped<DemoLibraryWriter>();
        services.AddStartupTask<SeedDemoLibrary>();
        services.AddBotCommand<ShowLibraryResultsCommand>("find", "find <words>", "Search the SEND library, e.g. find provision map template");
        services.AddMessageExtension<LibrarySearchExtension>(LibrarySearchExtension.CommandId);
        services.AddNavEntry("library", "/library", "Library", order: 40);
        services.AddKeyedScoped<IResourceStore, LocalResourceStore>(ResourceStoreKind.Local);
        services.AddSingleton<SharePointLibrary>();
        services.AddKeyedScoped<IResourceStore, SharePointResourceStore>(ResourceStoreKind.SharePoint);
        services.AddScheduledJob<SyncLibraryStore>();
        services.AddScoped(sp =>
        {
            var kind = sp.GetRequiredService<IOptions<LibraryOptions>>().Value.ResolveStore();
            return sp.GetRequiredKeyedService<IResourceStore>(kind);
        });
        return services;
    }

    public static RouteGroupBuilder MapLibrary(this RouteGroupBuilder api)
    {
        LibraryApi.Map(api.MapGroup("/library"));
        return api;
    }
}
