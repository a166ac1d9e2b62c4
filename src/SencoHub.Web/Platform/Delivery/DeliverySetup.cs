namespace SencoHub.Web.Platform.Delivery;

public static class DeliverySetup
{
    /// <summary>The outbox, conversation references and the background worker that sends to Teams.</summary>
    public static IServiceCollection AddSencoHubDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<DeliverySignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<ConversationStore>();
        services.AddScoped<DeliveryReach>();
        services.AddScoped<SendOutboxMessage>();
        services.AddHttpClient(DeliveryConnector.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<DeliveryConnector>();
        services.AddHostedService<DeliveryWorker>();
        return services;
    }
}
