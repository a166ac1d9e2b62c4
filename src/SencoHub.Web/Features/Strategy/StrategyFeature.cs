using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Strategy;

public static class StrategyFeature
{
    public static IServiceCollection AddStrategy(this IServiceCollection services)
    {
        services.AddOptions<StrategyOptions>().BindConfiguration(StrategyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ReadStrategy>();
        services.AddScoped<CreateStrategyDraft>();
        services.AddScoped<EditStrategyDraft>();
        services.AddScoped<PublishStrategy>();
        services.AddScoped<AcknowledgeStrategy>();
        services.AddScoped<ListAcknowledgements>();
        services.AddScoped<NudgeHeadteachers>();
        services.AddScoped<StrategyPriorities>();
        services.AddSingleton<StrategyCards>();
        services.AddScheduledJob<SendStrategyNudges>();
        services.AddBotCommand<ShowStrategyCommand>("strategy", "strategy", "See the trust SEND strategy (headteachers: acknowledge it)");
        services.AddCardAction<AcknowledgeStrategyFromCard>(StrategyCards.AcknowledgeVerb);
        services.AddNavEntry("strategy", "/strategy", "Strategy", order: 10);
        return services;
    }

    public static RouteGroupBuilder MapStrategy(this RouteGroupBuilder api)
    {
        StrategyApi.Map(api.MapGroup("/strategy"));
        return api;
    }
}
