using System.Diagnostics;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Minimax.Benchmarks;

/// <summary>
/// A real silo process (`dotnet Minimax.Silo.dll` with configuration arguments, as an operator starts
/// it) in azure mode; the approach of tests/Minimax.Storage.Tests/SiloProcess.cs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int grpcPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int GrpcPort { get; }

    public string Address => $"http://127.0.0.1:{GrpcPort}";

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

    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, string dataRoot, IEnumerable<(string Key, string Value)> extraSettings)
    {
        var grpcPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Minimax.Silo.dll"));
        var settings = new List<(string Key, string Value)>
        {
            ("Storage:Provider", "azure"),
            ("Storage:Azure:ConnectionString", connectionString),
            ("Cluster:Id", clusterId),
            ("Silo:Port", FreePort.Next().ToString()),
            ("Silo:GatewayPort", FreePort.Next().ToString()),
            ("Grpc:Port", grpcPort.ToString()),
            ("Data:Roots:0", dataRoot),
            ("Logging:LogLevel:Default", "Warning"),
            // "Application started." says the silo has joined and gRPC listens.
            ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"),
        };
        settings.AddRange(extraSettings);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var silo = new SiloProcess(Process.Start(start)!, grpcPort);
        await silo.WaitUntilServingAsync(TimeSpan.FromMinutes(2));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_started.Task, exited).WaitAsync(timeout)
            .ContinueWith(task => task.IsCompletedSuccessfully ? task.Result : null);
        if (first != _started.Task)
        {
            throw new InvalidOperationException($"silo (gRPC {GrpcPort}) {(first is null ? $"did not start within {timeout}" : "exited")}: {Output}");
        }
        using var channel = GrpcChannel.ForAddress(Address);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        if (reply.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException($"silo (gRPC {GrpcPort}) is {reply.Status}");
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
            if (_output.Length < 256 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
