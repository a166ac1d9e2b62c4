using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Connector;
using SencoHub.Teams.Hosting;

namespace SencoHub.Teams.Tests.Hosting;

public sealed class RegistrationTests
{
    private static ServiceProvider Build(Action<TeamsBotOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTeamsBot(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithNoConfiguration_EverythingResolves_AndNoTokenIsSent()
    {
        using var provider = Build();

        Assert.NotNull(provider.GetRequiredService<ConnectorClient>());
        Assert.NotNull(provider.GetRequiredService<BotTokenValidator>());
        Assert.Same(provider.GetRequiredService<TeamsRateLimiter>(), provider.GetRequiredService<TeamsRateLimiter>());
        Assert.IsType<NoTokenProvider>(provider.GetRequiredService<IBotTokenProvider>());
        var options = provider.GetRequiredService<IOptions<TeamsBotOptions>>().Value;
        Assert.Equal(256 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(4), options.InvokeTimeout);
        Assert.False(options.AllowUnauthenticated);
    }

    [Fact]
    public void AnAppIdWithASecret_SendsClientCredentialTokens_ForThatAppId()
    {
        using var provider = Build(o =>
        {
            o.Authentication.AppId = "bot-app";
            o.Credentials.ClientSecret = "secret";
        });

        Assert.IsType<ClientCredentialsTokenProvider>(provider.GetRequiredService<IBotTokenProvider>());
        Assert.Equal("bot-app", provider.GetRequiredService<IOptions<TeamsBotOptions>>().Value.Credentials.AppId);
    }

    [Fact]
    public void AManagedIdentity_IsPreferred()
    {
        using var provider = Build(o =>
        {
            o.Authentication.AppId = "mi-client";
            o.Credentials.ManagedIdentityClientId = "mi-client";
        });

        Assert.IsType<ManagedIdentityTokenProvider>(provider.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public void TheLibrary_ReferencesNothingOfTheApp()
    {
        var references = typeof(ActivityRouter).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("SencoHub", StringComparison.Ordinal));
    }
}
