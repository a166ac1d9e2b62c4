using SencoHub.Web.Platform.Auth;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Graph;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.Actions;

public static class ActionsFeature
{
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddOptions<ActionOptions>().BindConfiguration(ActionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSencoHubGraph();
        services.AddScoped<ReadActions>();
        services.AddScoped<CreateAction>();
        services.AddScoped<AcknowledgeAction>();
        services.AddScoped<UpdateActionProgress>();
        services.AddScoped<WithdrawAction>();
        services.AddScoped<ExportActions>();
        services.AddScoped<ActionMessages>();
        services.AddScoped<SendActivityFeed>();
        services.AddSingleton<ActionCards>();
        services.AddScheduledJob<SendActionReminders>();
        services.AddHostedService<ActivityFeedWorker>();
        services.AddBotCommand<ShowActionsCommand>("actions", "actions", "Your school's open actions, most urgent first: acknowledge them and update progress");
        services.AddCardAction<AcknowledgeActionFromCard>(ActionCards.AcknowledgeVerb);
        services.AddCardAction<UpdateActionProgressFromCard>(ActionCards.UpdateVerb);
        services.AddNavEntry("actions", "/actions", "Actions", order: 30);
        return services;
    }

    public static RouteGroupBuilder MapActions(this RouteGroupBuilder api)
    {
        ActionsApi.Map(api.MapGroup("/actions"));
        return api;
    }
}
