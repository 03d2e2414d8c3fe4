using System.Diagnostics;
using Minimax.Contracts.Specs;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Minimax.Benchmarks;

/// <summary>
/// What telemetry costs a training step: the median W=1 step of the benchmark MLP on a silo with telemetry off
/// (no scrape endpoint, no tracer provider) against the same silo with it on as a production silo runs it: the
/// Prometheus endpoint scraped every second (15 s is usual, so this is the heavier case) and traces at the default
/// sampling (Telemetry:StepTraceEvery), exported by a batch processor. The meters and activity sources are static,
/// so two silos in one process would listen to each other: each round starts its own silo and disposes it after.
/// </summary>
public static class TelemetryBenchmark
{
    public static async Task RunAsync(int steps, int rounds, BenchmarkThreads threads, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var optimizerSpec = BenchmarkSpecs.SgdMomentum;
        var spec = BenchmarkSpecs.Mlp(directory, steps, optimizerSpec, checkpointEvery: new TrainingSpec { Optimizer = new() }.CheckpointEvery, evalEvery: steps, MlpShape.Foundation);
        var run = spec with { Training = spec.Training with { Workers = 1 } };
        var exported = new SpanCount();

        var measured = new Rounds(
            $"{MlpShape.Foundation.Describe()}, W=1, {steps} steps per round; a round's figure is its median step; each round on a fresh silo",
            threads, RoundUnit.StepMilliseconds);
        measured.Note("off: Telemetry:MetricsPort=0, no tracer provider; on: /metrics scraped every second, traces at Telemetry:StepTraceEvery's default, batch-exported");
        measured.Add("telemetry off", threads.Worker(1), () => MeasureAsync(directory, threads, run, telemetry: null));
        measured.Add("telemetry on", threads.Worker(1), () => MeasureAsync(directory, threads, run, exported));
        await measured.RunAsync(rounds, baseline: "telemetry off", output);
        output.WriteLine($"spans exported with telemetry on: {exported.Count} in all");
    }

    private static async Task<double> MeasureAsync(string directory, BenchmarkThreads threads, RunSpec run, SpanCount? telemetry)
    {
        var metricsPort = telemetry is null ? 0 : Minimax.Testing.SiloProcess.FreePort();
        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting, metricsPort,
            telemetry is null ? null : tracing => tracing.AddProcessor(new BatchActivityExportProcessor(telemetry)));
        using var scraping = new CancellationTokenSource();
        var scraper = metricsPort == 0 ? Task.CompletedTask : ScrapeEverySecondAsync(metricsPort, scraping.Token);
        // As a traced client's request arrives (a sampled traceparent): the job, and its sampled steps, are recorded.
        using var request = telemetry is null
            ? null
            : new Activity("benchmark submit").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        try
        {
            return await silo.MedianStepSecondsAsync(run);
        }
        finally
        {
            await scraping.CancelAsync();
            await scraper;
        }
    }

    private static async Task ScrapeEverySecondAsync(int port, CancellationToken stop)
    {
        using var http = new HttpClient();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/metrics", stop);
                response.EnsureSuccessStatusCode();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>An exporter that counts spans and drops them, so the benchmark measures the silo's side of tracing, not a backend.</summary>
    private sealed class SpanCount : BaseExporter<Activity>
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Interlocked.Add(ref _count, batch.Count);
            return ExportResult.Success;
        }
    }
}
