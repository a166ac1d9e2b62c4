using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SencoHub.Teams.Auth;
using SencoHub.Teams.Hosting;

namespace SencoHub.Teams.Tests.Hosting;

/// <summary>A minimal app hosting the bot endpoint on loopback Kestrel, as an app would.</summary>
public sealed class BotApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotApp(WebApplication app, Uri baseUri)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = baseUri };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BotApp> StartAsync(Action<TeamsBotOptions> configure, Func<IServiceProvider, IBotHandler> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Outbound calls in these tests go to a loopback connector that wants no token.
        builder.Services.AddSingleton<IBotTokenProvider>(NoTokenProvider.Instance);
        builder.Services.AddTeamsBot(configure);
        builder.Services.AddSingleton(handler);
        var app = builder.Build();
        app.MapBotEndpoint("/api/messages");
        await app.StartAsync();
        return new BotApp(app, new Uri(app.Urls.First()));
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization = null) =>
        PostRawAsync(activity.ToJsonString(), "application/json", authorization);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string contentType, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Records what reaches the app's handler.</summary>
public sealed class RecordingHandler : IBotHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public List<TurnContext> Turns { get; } = [];

    public Task<BotResponse?> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        lock (Turns)
        {
            Turns.Add(turn);
        }

        Interlocked.Increment(ref _calls);
        return Task.FromResult<BotResponse?>(null);
    }
}
