using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Minimax.Contracts.Api;

namespace Minimax.Testing;

/// <summary>
/// A real silo process (`dotnet Minimax.Silo.dll` with configuration arguments, as an operator starts
/// it) in azure mode. The caller's output folder must hold Minimax.Silo.dll (reference the silo
/// project). <see cref="KillAsync"/> is SIGKILL, <see cref="TerminateAsync"/> SIGTERM.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;
    private readonly StringWriter _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, Endpoints endpoints)
    {
        _process = process;
        Ports = endpoints;
        _channel = GrpcChannel.ForAddress(Address);
        Client = new Runs.RunsClient(_channel);
        Jobs = new Jobs.JobsClient(_channel);
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Ports, and the address the silo advertises to the cluster (Silo:AdvertisedAddress) and listens on. MetricsPort
    /// (Telemetry:MetricsPort) is 0, no scrape endpoint, unless a test asks for one: many silos share a machine.
    /// </summary>
    public sealed record Endpoints(int SiloPort, int GatewayPort, int GrpcPort, string AdvertisedAddress = "127.0.0.1", int MetricsPort = 0)
    {
        public static Endpoints Fresh(string advertisedAddress = "127.0.0.1") => new(FreePort(), FreePort(), FreePort(), advertisedAddress);

        /// <summary>How the cluster names this silo in coordinator_silo and worker_silos.</summary>
        public string SiloEndpoint => $"{AdvertisedAddress}:{SiloPort}";
    }

    public Endpoints Ports { get; }

    /// <summary>The gRPC endpoint, http://127.0.0.1:PORT.</summary>
    public string Address => $"http://127.0.0.1:{Ports.GrpcPort}";

    public Runs.RunsClient Client { get; }

    public Jobs.JobsClient Jobs { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo of <paramref name="clusterId"/> on Azure Storage and waits until it serves gRPC.</summary>
    public static async Task<SiloProcess> StartAsync(
        string connectionString, string clusterId, Endpoints endpoints, string dataRoot, IEnumerable<(string Key, string Value)>? extraSettings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Minimax.Silo.dll"));
        foreach (var (key, value) in Settings(connectionString, clusterId, endpoints, dataRoot).Concat(extraSettings ?? []))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var silo = new SiloProcess(Process.Start(start)!, endpoints);
        await silo.WaitUntilServingAsync(TimeSpan.FromMinutes(2));
        return silo;
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as Kubernetes stops a pod: the silo drains and leaves the cluster. Returns its exit code and how long it
    /// took to exit, or throws when it is still running after <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"silo on port {Ports.SiloPort} still runs {timeout} after SIGTERM: {Output}");
        }
        return (_process.ExitCode, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEnumerable<(string Key, string Value)> Settings(string connectionString, string clusterId, Endpoints endpoints, string dataRoot)
    {
        yield return ("Storage:Provider", "azure");
        yield return ("Storage:Azure:ConnectionString", connectionString);
        yield return ("Cluster:Id", clusterId);
        yield return ("Silo:Port", endpoints.SiloPort.ToString());
        yield return ("Silo:GatewayPort", endpoints.GatewayPort.ToString());
        yield return ("Silo:AdvertisedAddress", endpoints.AdvertisedAddress);
        yield return ("Grpc:Port", endpoints.GrpcPort.ToString());
        yield return ("Telemetry:MetricsPort", endpoints.MetricsPort.ToString());
        yield return ("Data:Roots:0", dataRoot);
        yield return ("Logging:LogLevel:Default", "Warning");
        // "Application started." tells the caller the silo has joined and gRPC listens.
        yield return ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_started.Task, exited).WaitAsync(timeout)
            .ContinueWith(task => task.IsCompletedSuccessfully ? task.Result : null);
        if (first != _started.Task)
        {
            throw new InvalidOperationException(
                $"silo on port {Ports.SiloPort} {(first is null ? $"did not start within {timeout}" : "exited")}: {Output}");
        }
        var reply = await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        if (reply.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"silo on port {Ports.SiloPort} reports {reply.Status}: {Output}");
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
        lock (_output)
        {
            _output.WriteLine(line);
        }
    }
}
