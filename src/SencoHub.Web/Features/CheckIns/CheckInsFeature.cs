using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Scheduling;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Features.CheckIns;

public static class CheckInsFeature
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.CloseSchoolDaysBeforeEnd < o.OpenSchoolDaysBeforeEnd, "SencoHub:CheckIns:CloseSchoolDaysBeforeEnd must be less than OpenSchoolDaysBeforeEnd.")
            .ValidateOnStart();
        services.AddStartupTask<SeedCheckInTemplate>();
        services.AddScoped<SaveCheckInTemplate>();
        services.AddScoped<OpenCheckInRound>();
        services.AddScoped<CloseCheckInRound>();
        services.AddScoped<RemindCheckIns>();
        services.AddScoped<NudgeCheckIns>();
        services.AddScoped<ListCheckInRounds>();
        services.AddScoped<GetCheckInResults>();
        services.AddScoped<ExportCheckIns>();
        services.AddScoped<CheckInCardAccess>();
        services.AddBotCommand<ShowCheckInCommand>("check-in", "check-in", "Answer this half-term's SEND check-in, or see how it is going");
        services.AddCardAction<SubmitCheckInFromCard>(CheckInCards.SubmitVerb);
        services.AddCardAction<EditCheckInFromCard>(CheckInCards.EditVerb);
        services.AddScheduledJob<OpenScheduledRounds>();
        services.AddScheduledJob<SendCheckInReminders>();
        services.AddScheduledJob<CloseEndedRounds>();
        services.AddNavEntry("checkins", "/checkins", "Check-ins", order: 20);
        return services;
    }

    public static RouteGroupBuilder MapCheckIns(this RouteGroupBuilder api)
    {
        CheckInsApi.Map(api.MapGroup("/checkins"));
        return api;
    }
}
