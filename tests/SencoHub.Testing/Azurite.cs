using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Azure.Storage.Blobs;

namespace SencoHub.Testing;

/// <summary>
/// Azurite (npm <c>azurite</c>), the Azure Storage emulator, serving Blob Storage on a free loopback
/// port with nothing written to disk. Installed by <c>tests/tools/install-node-tools.sh</c>.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's fixed development account: public, documented, and accepted by the emulator only.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _folder;

    private Azurite(Process process, StringBuilder log, int port, string folder)
    {
        _process = process;
        _log = log;
        _folder = folder;
        BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{Account}");
    }

    public Uri BlobEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public BlobServiceClient BlobService => new(ConnectionString);

    public static string BlobServerPath
    {
        get
        {
            var tools = Environment.GetEnvironmentVariable("SENCOHUB_TOOLS") is { Length: > 0 } configured ? configured : Path.Combine(Playground.RepoRoot, ".tools");
            return Path.Combine(tools, "azurite", "node_modules", "azurite", "dist", "src", "blob", "main.js");
        }
    }

    public static async Task<Azurite> StartAsync()
    {
        if (!File.Exists(BlobServerPath))
        {
            throw new InvalidOperationException($"Azurite is not installed at {BlobServerPath}. Run ./test.sh (or tests/tools/install-node-tools.sh).");
        }

        var port = AppProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("sencohub-azurite-").FullName;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[]
        {
            BlobServerPath, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, log, port, folder);
        try
        {
            await azurite.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    private async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited ({_process.ExitCode}): {Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on {port}: {Log}");
    }

    private string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp clean-up.
        }
    }
}
