using System.Text.Json;
using Microsoft.Playwright;
using SencoHub.Testing;

namespace SencoHub.BrowserTests;

/// <summary>
/// The app on real Kestrel and Debian's Chromium driven by Playwright (no browser download).
/// One per test class; each test gets its own browser context (cookies) and page.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SencoHubApp App { get; } = new SencoHubApp().OnKestrel();
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SENCOHUB_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}. Run ./test.sh, which installs Debian's chromium.");
        }

        await App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Offline machine: no background fetches, no sandbox as root in CI.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.ServerUri.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Add(message.Text);
            }
        };
        return page;
    }

    public List<string> CspViolations { get; } = [];

    public static async Task SignInAsAsync(IPage page, string name)
    {
        await page.GotoAsync("/dev/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {name}", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/dev/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Runs axe-core in the page; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds.
        await page.EvaluateAsync(AxeSource.Value);
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        return [.. result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var tools = Environment.GetEnvironmentVariable("SENCOHUB_TOOLS") ?? Path.Combine(RepoRoot(), ".tools");
        var path = Path.Combine(tools, "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"axe-core is not at {path}. Run ./test.sh, which installs it from npm.");
    });

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SencoHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
