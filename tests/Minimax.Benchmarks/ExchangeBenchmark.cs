using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// The gradient exchange among workers across real silo processes on loopback (issue 10, item 3): a
/// cluster of W silo processes (W = 2, then a fresh one of 4; azure mode on Azurite), one worker per silo,
/// training the benchmark MLP and a model of about 10M parameters. Per configuration: median step and
/// median exchange (from the run's report), bytes one worker sent per step against 2·(W−1)/W·P·4, and the
/// exchange against its bound, those bytes over the loopback bandwidth measured in the same cluster.
/// </summary>
public static class ExchangeBenchmark
{
    private const int WarmUpSteps = 3;
    private const double Goal = 2.0;
    private const double BytesTolerance = 1e-3;
    private static readonly int[] ClusterSizes = [2, 4];
    private static readonly ExchangeModel[] Models = [ExchangeModel.Benchmark, ExchangeModel.TenMillion];

    private sealed record Row(int Workers, ExchangeModel Model, double BytesPerSecond, List<RunReport> Reports);

    public static async Task<int> RunAsync(int steps, int rounds, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        await using var azurite = await AzuriteServer.StartAsync();
        var rows = new List<Row>();
        var problems = new List<string>();
        foreach (var workers in ClusterSizes)
        {
            // The same cores in every configuration: the silos' intra-op threads add up to the machine's (the
            // default would give each one-worker silo all the cores, W times oversubscribed on one machine).
            var threads = Math.Max(1, Environment.ProcessorCount / workers);
            await using var cluster = await SiloProcessCluster.StartAsync(
                azurite.ConnectionString, workers, directory, [("Workers:IntraOpThreads", $"{threads}")]);
            try
            {
                foreach (var model in Models)
                {
                    // Unmeasured: JIT, TorchSharp start-up and the first activations on every silo.
                    problems.AddRange(Spread(cluster, await cluster.RunToEndAsync(model.SpecYaml(workers, WarmUpSteps), directory)));
                }
                // Measured between the warm-up and the runs, while the silos sit idle.
                var bandwidth = await LoopbackBandwidth.MedianBytesPerSecondAsync();
                var configRows = Models.Select(model => new Row(workers, model, bandwidth, [])).ToArray();
                for (var round = 0; round < rounds; round++)
                {
                    // Alternate the order so that neither model always follows the other.
                    foreach (var row in round % 2 == 0 ? configRows : configRows.Reverse())
                    {
                        var report = await cluster.RunToEndAsync(row.Model.SpecYaml(workers, steps), directory);
                        problems.AddRange(Spread(cluster, report));
                        row.Reports.Add(report);
                    }
                }
                rows.AddRange(configRows);
            }
            catch
            {
                output.WriteLine(cluster.Output);
                throw;
            }
        }

        problems.AddRange(Write(output, rows, steps, rounds));
        foreach (var problem in problems)
        {
            output.WriteLine($"problem: {problem}");
        }
        return problems.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Spread(SiloProcessCluster cluster, RunReport report) =>
        cluster.SpreadProblem(report) is { } problem ? [$"workers not one per silo: {problem}"] : [];

    /// <summary>The table; returns the rows whose bytes per step are not the formula's.</summary>
    private static List<string> Write(TextWriter output, List<Row> rows, int steps, int rounds)
    {
        var problems = new List<string>();
        output.WriteLine($"gradient exchange across silo processes on loopback (azure mode, Azurite), one worker per silo, batch {MlpShape.Foundation.BatchSize}, SGD momentum; {steps} steps x {rounds} rounds, medians over rounds of each run's median");
        output.WriteLine($"loopback: one TCP connection on 127.0.0.1, {LoopbackBandwidth.DefaultTotalBytes >> 20} MiB in {LoopbackBandwidth.DefaultWriteBytes >> 20} MiB writes, median of 3, measured in each cluster; bound = 2(W-1)/W*P*4 bytes / loopback bandwidth; Workers:IntraOpThreads = max(1, {Environment.ProcessorCount} cores / W) per silo (thr)");
        output.WriteLine($"{"W",2} {"model",-20} {"P",10} {"thr",3} {"step ms",9} {"exch ms",9} {"bytes/worker",13} {"formula",13} {"bytes/f",8} {"GB/s",6} {"bound ms",9} {"exch/bound",10}");
        foreach (var row in rows)
        {
            var step = Stats.Median(row.Reports.Select(report => report.MedianStepSeconds));
            var formula = 2.0 * (row.Workers - 1) / row.Workers * row.Model.Parameters * sizeof(float);
            var bound = formula / row.BytesPerSecond;
            var exchange = Stats.Median(row.Reports.Select(report => report.MedianExchangeSeconds));
            var bytes = Stats.Median(row.Reports.Select(report => (double)report.GradientBytesPerStep));
            var threads = string.Join('/', row.Reports.Select(report => report.IntraOpThreads).Distinct());
            output.WriteLine(
                $"{row.Workers,2} {row.Model.Name,-20} {row.Model.Parameters,10} {threads,3} {step * 1000,9:F2} {exchange * 1000,9:F2} " +
                $"{bytes,13:F0} {formula,13:F0} {bytes / formula,8:F4} {row.BytesPerSecond / 1e9,6:F2} {bound * 1000,9:F2} {exchange / bound,10:F2}");
            if (Math.Abs(bytes / formula - 1) > BytesTolerance)
            {
                problems.Add($"W={row.Workers} {row.Model.Name}: {bytes:F0} bytes per worker per step, formula {formula:F0}");
            }
            if (exchange / bound > Goal)
            {
                output.WriteLine($"   W={row.Workers} {row.Model.Name}: exchange {exchange / bound:F2}x its bound, goal {Goal}x");
            }
        }
        return problems;
    }
}
