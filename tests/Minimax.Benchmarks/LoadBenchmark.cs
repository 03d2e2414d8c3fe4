using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// A two-silo cluster (two Minimax.Silo processes, azure mode on Azurite) and <c>clients</c> concurrent
/// gRPC clients, split across both silos, submitting <c>runs</c> tiny runs in total and waiting for all
/// of them. Baseline, measured first in the same cluster: a few runs submitted one at a time.
/// </summary>
public static class LoadBenchmark
{
    private const int BaselineRuns = 5;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(int runs, int clients, int steps, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-bench-load-").FullName;
        SpuriousCsv.WriteSplits(directory);
        var spec = SpuriousCsv.SpecYaml("load", steps, workers: 1, evalEvery: Math.Max(1, steps / 2), checkpointEvery: Math.Max(1, steps / 2));
        await using var azurite = await AzuriteServer.StartAsync();
        var clusterId = $"bench-load-{Guid.NewGuid():N}";
        var limits = new[] { ("Limits:MaxConcurrentRunsPerTenant", $"{runs + BaselineRuns + 10}") };
        await using var first = await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, SiloProcess.Endpoints.Fresh(), directory, limits);
        await using var second = await SiloProcess.StartAsync(azurite.ConnectionString, clusterId, SiloProcess.Endpoints.Fresh(), directory, limits);
        var silos = new[] { first, second };
        var channels = Enumerable.Range(0, clients).Select(i => GrpcChannel.ForAddress(silos[i % 2].Address)).ToArray();
        try
        {
            // Baseline: one run at a time on the idle cluster (the first also warms both silos up).
            var client0 = new Runs.RunsClient(channels[0]);
            await RunAloneAsync(client0, spec, directory);
            var baselineSubmit = new List<double>();
            var baselineWall = new List<double>();
            for (var i = 0; i < BaselineRuns; i++)
            {
                var (submit, wall) = await RunAloneAsync(new Runs.RunsClient(channels[i % clients]), spec, directory);
                baselineSubmit.Add(submit);
                baselineWall.Add(wall);
            }

            // Load: every client submits its share back to back, watching each run to its end.
            var latencies = new ConcurrentBag<double>();
            var submitted = new ConcurrentDictionary<string, int>();
            var finished = new ConcurrentDictionary<string, string>();
            var failedSubmits = 0;
            var total = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var client = new Runs.RunsClient(channels[c]);
                var watches = new List<Task>();
                for (var k = c; k < runs; k += clients)
                {
                    var clock = Stopwatch.StartNew();
                    var runId = await SubmitAsync(client, spec, directory, $"bench-load-{clusterId}-{k}");
                    latencies.Add(clock.Elapsed.TotalSeconds);
                    if (runId is null)
                    {
                        Interlocked.Increment(ref failedSubmits);
                        continue;
                    }
                    submitted[runId] = c;
                    watches.Add(Task.Run(async () => finished[runId] = await WatchToEndAsync(client, runId)));
                }
                await Task.WhenAll(watches);
            })).ToArray();
            await Task.WhenAll(tasks);
            var wallSeconds = total.Elapsed.TotalSeconds;

            // Verify through the other silo than the one that took the submit: GetRun per run, then ListRuns.
            var completed = 0;
            foreach (var (runId, c) in submitted)
            {
                var other = new Runs.RunsClient(channels[(c + 1) % clients]);
                var report = await other.GetRunAsync(new GetRunRequest { RunId = runId });
                if (report.Status == "completed" && report.Steps == steps)
                {
                    completed++;
                }
                else
                {
                    output.WriteLine($"run {runId}: {report.Status} ({report.Reason}), watch said {finished.GetValueOrDefault(runId)}");
                }
            }
            var listed = (await new Runs.RunsClient(channels[1]).ListRunsAsync(new ListRunsRequest())).Runs
                .Count(run => submitted.ContainsKey(run.RunId) && run.Status == "completed");
            var lost = runs - completed;

            var p50 = Stats.Percentile(latencies, 0.50) * 1000;
            var p99 = Stats.Percentile(latencies, 0.99) * 1000;
            var alone = Stats.Median(baselineSubmit) * 1000;
            var aloneWall = Stats.Median(baselineWall);
            output.WriteLine($"2 silo processes (azure mode, Azurite), {clients} clients, {runs} runs of MLP 6-16-2, {steps} steps, checkpoint every {Math.Max(1, steps / 2)}");
            output.WriteLine($"{"measure",-34} {"value",10} {"baseline",10} {"ratio",8}");
            output.WriteLine($"{"runs completed / lost",-34} {$"{completed} / {lost}",10}");
            output.WriteLine($"{"completed in ListRuns",-34} {listed,10}");
            output.WriteLine($"{"submit failures",-34} {failedSubmits,10}");
            output.WriteLine($"{"submit latency p50 ms",-34} {p50,10:F1} {alone,10:F1} {p50 / alone,8:F2}");
            output.WriteLine($"{"submit latency p99 ms",-34} {p99,10:F1} {alone,10:F1} {p99 / alone,8:F2}");
            output.WriteLine($"{"total wall s",-34} {wallSeconds,10:F2} {aloneWall * runs,10:F2} {wallSeconds / (aloneWall * runs),8:F2}");
            output.WriteLine($"{"throughput runs/s",-34} {runs / wallSeconds,10:F2} {1 / aloneWall,10:F2} {runs / wallSeconds * aloneWall,8:F2}");
            output.WriteLine($"(baseline: median of {BaselineRuns} runs submitted one at a time on the idle cluster; total wall baseline = {runs} x one run's wall)");
            return completed == runs && listed == runs ? 0 : 1;
        }
        catch
        {
            output.WriteLine($"silo 1 output:\n{first.Output}\nsilo 2 output:\n{second.Output}");
            throw;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async Task<(double SubmitSeconds, double WallSeconds)> RunAloneAsync(Runs.RunsClient client, string spec, string directory)
    {
        var clock = Stopwatch.StartNew();
        var runId = await SubmitAsync(client, spec, directory, $"bench-alone-{Guid.NewGuid():N}")
            ?? throw new InvalidOperationException("baseline submit failed");
        var submit = clock.Elapsed.TotalSeconds;
        var status = await WatchToEndAsync(client, runId);
        if (status != "completed")
        {
            throw new InvalidOperationException($"baseline run {runId} ended {status}");
        }
        return (submit, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The run id, or null when the submit failed; UNAVAILABLE is retried with the same request id (idempotent).</summary>
    private static async Task<string?> SubmitAsync(Runs.RunsClient client, string spec, string directory, string requestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = spec, SpecDirectory = directory, RequestId = requestId });
                return reply.RunId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < 3)
            {
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"submit {requestId}: {e.StatusCode} {e.Status.Detail}");
                return null;
            }
        }
    }

    private static async Task<string> WatchToEndAsync(Runs.RunsClient client, string runId)
    {
        using var deadline = new CancellationTokenSource(RunTimeout);
        using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: deadline.Token);
        var status = "no report";
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (item.EventCase == WatchRunEvent.EventOneofCase.Report)
            {
                status = item.Report.Status;
            }
        }
        return status;
    }
}
