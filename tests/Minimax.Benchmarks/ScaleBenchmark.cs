using System.Globalization;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// Issue 13 §4 on one fresh cluster of <see cref="Silos"/> silo processes (azure mode on Azurite, loopback):
/// one run each with 8, 16, 32 and 64 workers of a tiny MLP (step time, and the coordinator's own time per
/// worker per step from the run report), then <see cref="JobFlood"/>'s concurrent small jobs.
/// </summary>
public static class ScaleBenchmark
{
    public const int Silos = 8;
    private const double CoordinatorGoalMicroseconds = 20;
    private static readonly int[] WorkerCounts = [8, 16, 32, 64];

    public static async Task<int> RunAsync(int steps, int rounds, int jobs, int clients, BenchmarkThreads threads, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("minimax-bench-scale-").FullName;
        SpuriousCsv.WriteSplits(directory, trainRows: 4096, evaluationRows: 256);
        await using var azurite = await AzuriteServer.StartAsync();
        // Limits raised so that they are not what is measured: 64 workers per run, every job of the flood in flight at once.
        var settings = new[]
        {
            ("Limits:MaxWorkers", $"{WorkerCounts.Max()}"),
            ("Limits:MaxConcurrentRunsPerTenant", $"{jobs + WorkerCounts.Length + 10}"),
            ("Workers:IntraOpThreads", "1"),
        };
        Console.Error.WriteLine($"[bench] starting {Silos} silo processes");
        await using var cluster = await SiloProcessCluster.StartAsync(azurite.ConnectionString, Silos, directory, settings);
        try
        {
            var reports = WorkerCounts.ToDictionary(w => w, _ => new List<RunReport>());
            foreach (var workers in WorkerCounts)
            {
                Console.Error.WriteLine($"[bench] warm-up W={workers}");
                await cluster.RunToEndAsync(Spec(workers, 3), directory);
            }
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < WorkerCounts.Length; k++)
                {
                    var workers = WorkerCounts[(round + k) % WorkerCounts.Length];
                    Console.Error.WriteLine($"[bench] round {round + 1}/{rounds} W={workers}");
                    reports[workers].Add(await cluster.RunToEndAsync(Spec(workers, steps), directory));
                }
            }
            WriteWorkers(output, threads, reports, steps, rounds);

            Console.Error.WriteLine($"[bench] {jobs} jobs from {clients} clients");
            var flood = await JobFlood.RunAsync(cluster, directory, JobSpec, jobs, clients);
            output.WriteLine();
            flood.Write(output, Silos, settings[1].Item2);
            return flood.Lost == 0 && flood.Duplicates == 0 && flood.Failed == 0 ? 0 : 1;
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }

    private static void WriteWorkers(TextWriter output, BenchmarkThreads threads, Dictionary<int, List<RunReport>> reports, int steps, int rounds)
    {
        output.WriteLine($"one run per worker count on {Silos} silo processes (azure mode, Azurite, loopback), MLP 6-8-2, group_dro, batch 128, Workers:IntraOpThreads 1");
        Rounds.WriteMachine(output, threads);
        output.WriteLine($"{steps} steps x {rounds} interleaved rounds after a 3-step warm-up run per W; per run the report's medians over steps; median and min over rounds");
        output.WriteLine($"coordinator = its own code per step (sampling, issuing 2W worker calls, merging, weight rule, bookkeeping), waits excluded");
        output.WriteLine($"{"W",3} {"step ms",9} {"min",9} {"exch ms",8} {"coord us/step",14} {"min",8} {"coord us/worker",16} {"min",8}");
        var points = new List<(double Workers, double Micros)>();
        foreach (var (workers, runs) in reports)
        {
            var step = runs.Select(r => r.MedianStepSeconds * 1000).ToArray();
            var coord = runs.Select(r => r.MedianCoordinatorSeconds * 1e6).ToArray();
            var exchange = Stats.Median(runs.Select(r => r.MedianExchangeSeconds * 1000));
            points.Add((workers, Stats.Median(coord)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{workers,3} {Stats.Median(step),9:F1} {step.Min(),9:F1} {exchange,8:F1} {Stats.Median(coord),14:F0} {coord.Min(),8:F0} {Stats.Median(coord) / workers,16:F1} {coord.Min() / workers,8:F1}"));
        }
        var (intercept, slope) = Fit(points);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"least-squares fit of median coordinator us/step: {intercept:F0} + {slope:F1} x W"));
        var at64 = points.Single(p => p.Workers == 64).Micros / 64;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal: coordinator under {CoordinatorGoalMicroseconds} us per worker per step at W=64: {at64:F1} us, {(at64 < CoordinatorGoalMicroseconds ? "met" : "NOT met")}"));
    }

    /// <summary>Ordinary least squares y = a + b x.</summary>
    public static (double Intercept, double Slope) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return (meanY - slope * meanX, slope);
    }

    private static string Spec(int workers, int steps) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: scale-w{{workers}}
        seed: 1
        data: { format: csv, train: train.csv, val: val.csv, test: test.csv, label: y, groups_by: [a] }
        model: { kind: mlp, hidden: [8] }
        objective: { kind: group_dro, step_size: 0.1 }
        training:
          workers: {{workers}}
          steps: {{steps}}
          batch_size: 128
          optimizer: { kind: sgd, lr: 0.05, momentum: 0.9 }
          eval_every: {{steps}}
          checkpoint_every: {{steps}}
          select_by: final
        """);

    /// <summary>A small job of the flood: one worker, 3 steps, evaluated at the end, no checkpoint.</summary>
    private static string JobSpec(int index) => Spec(1, 3).Replace("scale-w1", $"flood-{index}", StringComparison.Ordinal);
}
