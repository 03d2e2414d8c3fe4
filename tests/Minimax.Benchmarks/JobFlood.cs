using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// <c>jobs</c> small jobs submitted by <c>clients</c> concurrent gRPC clients (client c on silo c mod N), each
/// submitting its share back to back and watching every job it submitted to its end; then every job is
/// listed through the API (ListJobs, all pages) and the ids compared with those submitted.
/// </summary>
public sealed record JobFlood(
    int Jobs, int Clients, double SubmitSeconds, double WallSeconds, double P50, double P99, double Max,
    int Completed, int Failed, int Lost, int Duplicates, int SubmitErrors)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    public static async Task<JobFlood> RunAsync(SiloProcessCluster cluster, string directory, Func<int, string> spec, int jobs, int clients)
    {
        var latencies = new ConcurrentBag<double>();
        var submitted = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentDictionary<string, string>();
        var submitErrors = 0;
        var requestPrefix = Guid.NewGuid().ToString("N");
        var total = Stopwatch.StartNew();
        var submitEnd = new long[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var silo = cluster.Silos[c % cluster.Silos.Count];
            var watches = new List<Task>();
            for (var k = c; k < jobs; k += clients)
            {
                var clock = Stopwatch.StartNew();
                var jobId = await SubmitAsync(silo.Jobs, spec(k), directory, $"flood-{requestPrefix}-{k}");
                latencies.Add(clock.Elapsed.TotalSeconds);
                if (jobId is null)
                {
                    Interlocked.Increment(ref submitErrors);
                    continue;
                }
                submitted[jobId] = k;
                watches.Add(Task.Run(async () =>
                    statuses[jobId] = (await JobEvents.UntilAsync(silo.Jobs, jobId, _ => false, JobTimeout)).Report.Status));
            }
            submitEnd[c] = total.ElapsedTicks;
            await Task.WhenAll(watches);
        })));
        var wall = total.Elapsed.TotalSeconds;
        var submitSeconds = (double)submitEnd.Max() / Stopwatch.Frequency;

        var listed = await ListAllAsync(cluster.Silos[^1].Jobs);
        var mine = listed.Where(submitted.ContainsKey).ToList();
        var sorted = latencies.ToArray();
        return new JobFlood(
            jobs, clients, submitSeconds, wall,
            Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.99), sorted.Max(),
            statuses.Values.Count(s => s == "completed"),
            statuses.Values.Count(s => s != "completed"),
            jobs - mine.Distinct().Count(),
            mine.Count - mine.Distinct().Count(),
            submitErrors);
    }

    public void Write(TextWriter output, int silos, string tenantLimit)
    {
        output.WriteLine($"{Jobs} jobs (MLP 6-8-2, 1 worker, 3 steps, evaluated at the end) from {Clients} concurrent gRPC clients over {silos} silo processes; Limits:MaxConcurrentRunsPerTenant={tenantLimit}");
        Line(output, "submissions per second", Jobs / SubmitSeconds, "F1");
        Line(output, "submit latency p50 ms", P50 * 1000, "F1");
        Line(output, "submit latency p99 ms", P99 * 1000, "F1");
        Line(output, "submit latency max ms", Max * 1000, "F1");
        Line(output, "jobs completed per second", Completed / WallSeconds, "F2");
        Line(output, "wall s, first submit to last end", WallSeconds, "F1");
        output.WriteLine($"{"completed / failed / submit errors",-36} {$"{Completed} / {Failed} / {SubmitErrors}",12}");
        output.WriteLine($"{"lost (not in ListJobs) / listed twice",-36} {$"{Lost} / {Duplicates}",12}");
        output.WriteLine($"goal: 0 lost and submit p99 under 1 s: {(Lost == 0 && Duplicates == 0 && P99 < 1 ? "met" : "NOT met")}");
    }

    private static void Line(TextWriter output, string label, double value, string format) =>
        output.WriteLine($"{label,-36} {value.ToString(format, CultureInfo.InvariantCulture),12}");

    /// <summary>The job id, or null when the submit failed; UNAVAILABLE is retried with the same request id (idempotent).</summary>
    private static async Task<string?> SubmitAsync(Jobs.JobsClient client, string spec, string directory, string requestId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await client.SubmitJobAsync(new SubmitJobRequest { SpecYaml = spec, SpecDirectory = directory, RequestId = requestId })).JobId;
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

    private static async Task<List<string>> ListAllAsync(Jobs.JobsClient client)
    {
        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListJobsAsync(new ListJobsRequest { PageSize = 1000, PageToken = token });
            ids.AddRange(page.Jobs.Select(job => job.JobId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return ids;
    }
}
