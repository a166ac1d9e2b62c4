using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SencoHub.Teams.Testing;

/// <summary>The outcome of validating cards with <c>tests/tools/validate-cards.js</c>.</summary>
public sealed record CardValidationResult(bool Succeeded, int ExitCode, string Output);

/// <summary>
/// Validates Adaptive Cards with the official <c>adaptivecards</c> library by running our
/// <c>tests/tools/validate-cards.js</c> under node. When node or the library is missing,
/// <see cref="TryCreate"/> says why; tests must then fail if <see cref="ToolsRequired"/>
/// (<c>SENCOHUB_REQUIRE_TOOLS=1</c>, as CI sets), and may only be reported skipped otherwise.
/// </summary>
public sealed class CardValidator
{
    private readonly string _node;
    private readonly string _script;
    private readonly string _toolsDir;

    private CardValidator(string node, string script, string toolsDir)
    {
        _node = node;
        _script = script;
        _toolsDir = toolsDir;
    }

    public static bool ToolsRequired => Environment.GetEnvironmentVariable("SENCOHUB_REQUIRE_TOOLS") == "1";

    /// <summary>The validator, or null with <paramref name="unavailableReason"/> saying what to install.</summary>
    public static CardValidator? TryCreate(out string unavailableReason)
    {
        var root = FindRepoRoot();
        if (root is null)
        {
            unavailableReason = "Card validation unavailable: could not find the repository root (tests/tools/validate-cards.js).";
            return null;
        }

        var node = FindOnPath("node");
        if (node is null)
        {
            unavailableReason = "Card validation unavailable: node is not installed. Run tests/tools/install-node-tools.sh.";
            return null;
        }

        var tools = Environment.GetEnvironmentVariable("SENCOHUB_TOOLS") is { Length: > 0 } configured ? configured : Path.Combine(root, ".tools");
        if (!File.Exists(Path.Combine(tools, "cards", "node_modules", "adaptivecards", "package.json")))
        {
            unavailableReason = $"Card validation unavailable: adaptivecards is not installed in {tools}/cards. Run tests/tools/install-node-tools.sh.";
            return null;
        }

        unavailableReason = string.Empty;
        return new CardValidator(node, Path.Combine(root, "tests", "tools", "validate-cards.js"), tools);
    }

    /// <summary>Writes each card to a temporary folder and validates the folder for schema 1.5.</summary>
    public async Task<CardValidationResult> ValidateAsync(IReadOnlyDictionary<string, JsonNode> cards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var folder = Directory.CreateTempSubdirectory("sencohub-cards-");
        try
        {
            foreach (var (name, card) in cards)
            {
                var file = Path.Combine(folder.FullName, string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".json");
                await File.WriteAllTextAsync(file, card.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }

            return await RunAsync(folder.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Validates a card file or folder as it is.</summary>
    public async Task<CardValidationResult> RunAsync(string path, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(_node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add("--target");
        start.ArgumentList.Add("1.5");
        start.ArgumentList.Add(path);
        start.Environment["SENCOHUB_TOOLS"] = _toolsDir;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        return new CardValidationResult(process.ExitCode == 0, process.ExitCode, output);
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "tools", "validate-cards.js")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
