using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Actions;
using SencoHub.Web.Features.Bot;
using SencoHub.Web.Platform.Bot;

namespace SencoHub.Web.Tests.Platform;

/// <summary>Everything the Teams manifest declares is served by this build of the app: a declared
/// tab that 404s, or a command with no handler, is what an uploaded package would show people.</summary>
public sealed class ManifestEntryPointTests
{
    private static readonly JsonNode Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(SencoHub.Testing.Playground.RepoRoot, "manifest", "manifest.json")))!;

    private static List<string> DeclaredPaths()
    {
        var urls = new List<string>();
        foreach (var tab in Manifest["staticTabs"]!.AsArray())
        {
            urls.AddRange(new[] { "contentUrl", "websiteUrl" }.Select(k => tab![k]?.GetValue<string>()).OfType<string>());
        }

        foreach (var tab in Manifest["configurableTabs"]?.AsArray() ?? [])
        {
            urls.Add(tab!["configurationUrl"]!.GetValue<string>());
        }

        urls.AddRange(new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" }.Select(k => Manifest["developer"]![k]!.GetValue<string>()));
        const string Origin = "https://${{APP_DOMAIN}}";
        Assert.All(urls, u => Assert.StartsWith(Origin + "/", u, StringComparison.Ordinal));
        return [.. urls.Select(u => u[Origin.Length..]).Distinct()];
    }

    [Fact]
    public async Task EveryTabAndPageTheManifestDeclares_Answers200_ForEverySignedInRole()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var paths = DeclaredPaths();
        Assert.Contains("/strategy?inTeams=1", paths);

        foreach (var person in new[] { DemoTrust.SendLead, DemoTrust.Trustee, DemoTrust.HeadteacherOf("nb-oak"), DemoTrust.SencoOf("nb-oak"), DemoTrust.StaffOf("nb-oak") })
        {
            using var browser = await SignInTests.SignedInBrowserAsync(app, person.AadObjectId);
            foreach (var path in paths)
            {
                var response = await browser.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} for {person.Name}");
            }
        }
    }

    [Fact]
    public async Task EveryBotCommand_HasAHandler_AndEveryMessageExtensionCommandToo()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var registry = app.Services.GetRequiredService<BotRegistry>();
        var registered = registry.Commands.Select(c => c.Name).Append("help").ToHashSet(StringComparer.Ordinal);
        var answeredExtensions = registry.MessageExtensions.Select(e => e.CommandId).ToHashSet(StringComparer.Ordinal);

        var declared = Manifest["bots"]!.AsArray().SelectMany(b => b!["commandLists"]!.AsArray())
            .SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>()).Distinct().ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, title => Assert.True(registered.Contains(title), $"the manifest offers the bot command '{title}', which no feature registers"));

        var extensionCommands = (Manifest["composeExtensions"]?.AsArray() ?? []).SelectMany(e => e!["commands"]!.AsArray()).Select(c => c!["id"]!.GetValue<string>());
        Assert.All(extensionCommands, id => Assert.True(answeredExtensions.Contains(id), $"the manifest declares the message-extension command '{id}', which the bot does not answer"));
    }

    [Fact]
    public void EveryActivityFeedType_IsOneTheAppSends()
    {
        var declared = (Manifest["activities"]?["activityTypes"]?.AsArray() ?? []).Select(a => a!["type"]!.GetValue<string>());
        Assert.All(declared, type => Assert.Contains(type, new[] { ActionMessages.ActionAssigned, ActionMessages.ActionDue }));
    }
}
