using System.Globalization;
using Minimax.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Orleans.Serialization;

namespace Minimax.Benchmarks;

/// <summary>The real silo (SiloHost) in this process, memory or azure mode; runs are driven through its grains.</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app) => _app = app;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public ICheckpointStore Checkpoints => _app.Services.GetRequiredService<ICheckpointStore>();

    public Serializer Serializer => _app.Services.GetRequiredService<Serializer>();

    /// <summary>
    /// Memory mode when <paramref name="azureConnectionString"/> is null, else azure mode on it. The silo is
    /// configured through its configuration keys, as a silo process is; <paramref name="intraOpThreads"/>
    /// sets Workers:IntraOpThreads (null leaves the silo's default).
    /// </summary>
    public static async Task<InProcessSilo> StartAsync(
        string dataRoot, string? azureConnectionString, int? intraOpThreads = null, int metricsPort = 0,
        Action<OpenTelemetry.Trace.TracerProviderBuilder>? tracing = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = azureConnectionString is null ? "memory" : "azure",
            ["Storage:Azure:ConnectionString"] = azureConnectionString,
            ["Cluster:Id"] = $"bench-{Guid.NewGuid():N}",
            ["Silo:Port"] = Port(SiloProcess.FreePort()),
            ["Silo:GatewayPort"] = Port(SiloProcess.FreePort()),
            ["Grpc:Port"] = "0",
            ["Telemetry:MetricsPort"] = Port(metricsPort),
            ["Auth:Mode"] = "none",
            ["Data:Roots:0"] = dataRoot,
            ["Checkpoints:Path"] = Path.Combine(dataRoot, "checkpoints"),
        };
        if (intraOpThreads is { } threads)
        {
            settings[BenchmarkThreads.SiloKey] = Port(threads);
        }
        var options = SiloOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()) with { Quiet = true };
        options = options with { Telemetry = options.Telemetry with { ConfigureTracing = tracing } };
        var app = SiloHost.Build([], options);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.StartAsync(deadline.Token);
        return new InProcessSilo(app);
    }

    public Task<RunSnapshot> RunToEndAsync(RunSpec spec) => RunToEndAsync(Grains, spec);

    /// <summary>The coordinator's median step time of a run taken to its end.</summary>
    public async Task<double> MedianStepSecondsAsync(RunSpec spec) => (await RunToEndAsync(spec)).Result!.MedianStepSeconds;

    /// <summary>Submits through the run grain and waits, on its watch, for the completed snapshot.</summary>
    public static async Task<RunSnapshot> RunToEndAsync(IGrainFactory grains, RunSpec spec)
    {
        var run = grains.GetGrain<IRunGrain>($"bench-{Guid.NewGuid():N}");
        await run.SubmitAsync(spec, "local");
        // The last step seen first: the watch then pushes only what follows.
        await foreach (var update in run.WatchJobAsync(int.MaxValue))
        {
            if (update.Final?.Detail is RunSnapshot final)
            {
                return final is { Status: JobStatus.Completed, Result: not null }
                    ? final
                    : throw new InvalidOperationException($"benchmark run {final.Status}: {final.Reason}");
            }
        }
        throw new InvalidOperationException("the benchmark run's watch ended without its final report");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Port(int value) => value.ToString(CultureInfo.InvariantCulture);
}
