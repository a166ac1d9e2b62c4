using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SencoHub.Testing;

/// <summary>
/// Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>), Microsoft's Teams
/// simulator, run against the app on loopback and driven through its HTTP and WebSocket API as
/// its own UI does. Its mock Connector is the bot's serviceUrl.
/// </summary>
public sealed partial class Playground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly ClientWebSocket _stream = new();
    private readonly List<JsonObject> _output = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    private Playground(Process process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }
    public JsonObject Config { get; private set; } = null!;
    public string PersonalChatId => (string)Config["personalChat"]!["id"]!;
    public string CurrentUserId => (string)Config["currentUser"]!["id"]!;
    public string GroupChatId => (string)Config["groupChats"]![0]!["id"]!;
    public string BotName => (string)Config["bot"]!["name"]!;

    public static string CliPath
    {
        get
        {
            var tools = Environment.GetEnvironmentVariable("SENCOHUB_TOOLS") ?? Path.Combine(RepoRoot, ".tools");
            return Path.Combine(tools, "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        }
    }

    public static string RepoRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppProcess.AppDll)!, "..", "..", "..", "..", ".."));

    /// <param name="currentUser">Who chats in the personal chat; one of the config's people (default: its current user).</param>
    public static async Task<Playground> StartAsync(Uri botEndpoint, DemoPerson? currentUser = null)
    {
        if (!File.Exists(CliPath))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed at {CliPath}. Run ./test.sh (or tests/tools/install-node-tools.sh).");
        }

        var folder = Directory.CreateTempSubdirectory("sencohub-playground-").FullName;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[] { CliPath, "-e", botEndpoint.ToString(), "-c", "msteams", "-p", AppProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        info.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = WriteConfig(folder, currentUser);
        info.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(folder, "playground.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (line.Contains("Failed to start", StringComparison.Ordinal) || line.Contains("ConfigFileParseError", StringComparison.Ordinal))
            {
                listening.TrySetException(new InvalidOperationException("The playground could not start: " + line));
            }

            if (ListeningPattern().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The playground did not start: {log}");
        }

        var playground = new Playground(process, await listening.Task);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await playground._http.GetAsync("/_debug/ping")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the playground to answer (its log: " + Path.Combine(folder, "playground.log") + ")", TimeSpan.FromSeconds(30));
        playground.Config = (await playground._http.GetFromJsonAsync<JsonObject>("/_internal/v1/config"))!["config"]!.AsObject();
        await playground._stream.ConnectAsync(new Uri($"ws://127.0.0.1:{playground.Port}/_ws_conversation/v1/conversations/stream"), CancellationToken.None);
        playground._reader = playground.ReadAsync();
        return playground;
    }

    /// <summary>The repo's playground config, with <paramref name="currentUser"/> swapped in as the one who chats.</summary>
    private static string WriteConfig(string folder, DemoPerson? currentUser)
    {
        var path = Path.Combine(RepoRoot, ".m365agentsplayground.yml");
        if (currentUser is null)
        {
            return path;
        }

        var lines = File.ReadAllLines(path).ToList();
        var current = lines.FindIndex(l => l == "currentUser:");
        var currentBlock = lines.Skip(current + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        var other = lines.FindIndex(l => l.Trim() == $"aadObjectId: {currentUser.AadObjectId}" && lines.IndexOf(l) > current + currentBlock.Count);
        if (other < 0)
        {
            throw new ArgumentException($"{currentUser.Name} is not one of the playground's users.", nameof(currentUser));
        }

        // A list entry is "  - id: …" followed by "    key: …" lines.
        var start = other;
        while (!lines[start].StartsWith("  - ", StringComparison.Ordinal))
        {
            start--;
        }

        var end = start + 1;
        while (end < lines.Count && lines[end].StartsWith("    ", StringComparison.Ordinal))
        {
            end++;
        }

        var entry = lines.GetRange(start, end - start).Select(l => "  " + l[4..]).ToList();
        var demoted = currentBlock.Select((l, i) => (i == 0 ? "  - " : "    ") + l[2..]).ToList();
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, demoted);
        lines.RemoveRange(current + 1, currentBlock.Count);
        lines.InsertRange(current + 1, entry);
        var written = Path.Combine(folder, "playground.yml");
        File.WriteAllLines(written, lines);
        return written;
    }

    public string UserIdOf(DemoPerson person) =>
        (string?)Config["currentUser"]!["aadObjectId"] == person.AadObjectId
            ? CurrentUserId
            : (string)Config["users"]!.AsArray().First(u => (string?)u!["aadObjectId"] == person.AadObjectId)!["id"]!;

    /// <summary>What the UI does on load: installationUpdate, then conversationUpdate with the bot added.</summary>
    public async Task InstallAsync(string? conversationId = null) =>
        (await _http.PostAsJsonAsync($"/_debug/conversation/{Uri.EscapeDataString(conversationId ?? PersonalChatId)}/installation", new { })).EnsureSuccessStatusCode();

    /// <summary>A message in the personal chat (the current user only) or, mentioning the bot, in the group chat.</summary>
    public async Task SendAsync(DemoPerson from, string text, string? conversationId = null)
    {
        var conversation = conversationId ?? PersonalChatId;
        object body = conversation == PersonalChatId
            ? new { from = new { id = UserIdOf(from) }, text, textFormat = "plain" }
            : new
            {
                from = new { id = UserIdOf(from) },
                text = $"<at>{BotName}</at> {text}",
                textFormat = "plain",
                mentions = new[] { new { mentioned = new { id = (string)Config["bot"]!["id"]! }, text = $"<at>{BotName}</at>" } },
            };
        (await _http.PostAsJsonAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(conversation)}/messages", body)).EnsureSuccessStatusCode();
    }

    /// <summary>An Action.Execute press on a bot card; returns the bot's invoke response body.</summary>
    public async Task<JsonObject> ExecuteAsync(DemoPerson from, string replyToId, string verb, object? data = null, string? conversationId = null)
    {
        var response = await _http.PostAsJsonAsync("/_conversation/v1/invoke", new
        {
            name = "adaptiveCard/action",
            value = new { action = new { type = "Action.Execute", verb, data = data ?? new { } }, trigger = "manual" },
            from = new { id = UserIdOf(from) },
            conversation = new { id = conversationId ?? PersonalChatId },
            replyToId,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Waits for a bot message (new or updated) whose JSON matches.</summary>
    public async Task<JsonObject> WaitForMessageAsync(Func<JsonObject, bool> match, string what, TimeSpan? timeout = null)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(() =>
        {
            lock (_output)
            {
                found = _output.LastOrDefault(match);
            }

            return found is not null;
        }, what, timeout ?? TimeSpan.FromSeconds(30));
        return found!;
    }

    public static bool HasText(JsonObject message, string text) => message.ToJsonString().Contains(text, StringComparison.Ordinal);

    /// <summary>The id of the bot message as the playground shows it (what a card press replies to).</summary>
    public static string MessageId(JsonObject output) => (string)output["message"]!["messageId"]!;

    private async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        var text = new StringBuilder();
        while (!_stop.IsCancellationRequested && _stream.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _stream.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (!result.EndOfMessage)
            {
                continue;
            }

            if (JsonNode.Parse(text.ToString()) is JsonObject message)
            {
                lock (_output)
                {
                    _output.Add(message);
                }
            }

            text.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader;
        }

        _stream.Dispose();
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningPattern();
}
