using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Minimax.Testing;

/// <summary>
/// Azurite (the Azure Storage emulator, npm package pinned in the root package.json) as a child process
/// on free loopback ports. It installs itself with <c>npm ci</c> the first time, so <c>dotnet test</c>
/// needs nothing started by hand. Data is in memory, or in a folder when one is given, so that
/// <see cref="RestartAsync"/> comes back with the same accounts, tables and blobs.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account key (public, documented by Microsoft).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);
    private const int SigTerm = 15;
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly CappedOutput _output = new();
    private readonly bool _ownsDataDirectory;
    private Process? _process;

    private AzuriteServer(string? dataDirectory, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        BlobPort = FreePort();
        QueuePort = FreePort();
        TablePort = FreePort();
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The folder Azurite keeps its data in, or null for in-memory data.</summary>
    public string? DataDirectory { get; }

    /// <summary>For the development account with explicit endpoints (UseDevelopmentStorage=true only knows the default ports).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite with in-memory data, or on disk (a new temporary folder) when <paramref name="onDisk"/> is set.</summary>
    public static Task<AzuriteServer> StartAsync(bool onDisk = false, CancellationToken cancellationToken = default) =>
        onDisk
            ? StartAsync(Directory.CreateTempSubdirectory("minimax-azurite-").FullName, ownsDataDirectory: true, cancellationToken)
            : StartAsync(null, ownsDataDirectory: false, cancellationToken);

    /// <summary>Starts Azurite keeping its data in <paramref name="dataDirectory"/> (kept on dispose).</summary>
    public static Task<AzuriteServer> StartAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, ownsDataDirectory: false, cancellationToken);

    /// <summary>
    /// Stops Azurite the way an operator would (SIGTERM): it closes its servers and saves its data files.
    /// Falls back to a kill after <see cref="ShutdownTimeout"/>.
    /// </summary>
    public Task StopAsync() => StopAsync(graceful: true);

    /// <summary>
    /// Kills the process (SIGKILL, like a crash). Azurite saves its on-disk metadata every 5 seconds
    /// (LokiJS autosave), so writes from the last few seconds before a kill can be lost.
    /// </summary>
    public Task KillAsync() => StopAsync(graceful: false);

    /// <summary>Stops (gracefully unless <paramref name="graceful"/> is false) and starts again on the same ports and data folder.</summary>
    public async Task RestartAsync(bool graceful = true, CancellationToken cancellationToken = default)
    {
        await StopAsync(graceful);
        await LaunchAsync(cancellationToken);
    }

    private async Task StopAsync(bool graceful)
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        using (process)
        {
            if (graceful && !process.HasExited && !OperatingSystem.IsWindows() && SendSignal(process.Id, SigTerm) == 0)
            {
                using var deadline = new CancellationTokenSource(ShutdownTimeout);
                try
                {
                    await process.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not shut down in time; kill it below.
                }
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDataDirectory && DataDirectory is not null)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static async Task<AzuriteServer> StartAsync(string? dataDirectory, bool ownsDataDirectory, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var server = new AzuriteServer(dataDirectory, ownsDataDirectory);
        try
        {
            await server.LaunchAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string EntryPoint => Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            EntryPoint,
            "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
            "--disableTelemetry", "--silent", "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (DataDirectory is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(DataDirectory);
        }

        _output.Clear();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => _output.Append(line.Data);
        process.ErrorDataReceived += (_, line) => _output.Append(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node for Azurite.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>Polls every service with a real HTTP request: any answer (even 400 or 403) means it listens.</summary>
    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        var pending = new List<int> { BlobPort, QueuePort, TablePort };
        while (pending.Count > 0)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it was ready: {_output}");
            }
            if (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"Azurite did not answer on ports {string.Join(", ", pending)} within {ReadyTimeout}: {_output}");
            }
            foreach (var port in pending.ToArray())
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/devstoreaccount1?comp=properties&restype=service", deadline.Token);
                    pending.Remove(port);
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    break;
                }
            }
            if (pending.Count > 0)
            {
                // Polling interval between connection attempts, not a wait for a guessed duration.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> in the repository root when Azurite is missing. Test assemblies run in parallel
    /// processes, so a lock file outside node_modules (which npm ci deletes) keeps it to one at a time.
    /// </summary>
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(EntryPoint))
        {
            return;
        }
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RepositoryRoot.Path)))[..16];
            await using var crossProcessLock = await InstallLock.AcquireAsync(Path.Combine(Path.GetTempPath(), $"minimax-npm-{key}.lock"), deadline.Token);
            if (File.Exists(EntryPoint))
            {
                return;
            }
            await RunNpmCiAsync(deadline.Token);
            if (!File.Exists(EntryPoint))
            {
                throw new InvalidOperationException($"npm ci finished but {EntryPoint} is missing.");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], RepositoryRoot.Path, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {RepositoryRoot.Path} failed with exit code {exitCode}: {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
