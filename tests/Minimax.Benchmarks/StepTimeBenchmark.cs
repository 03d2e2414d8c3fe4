using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Training;
using static System.FormattableString;

namespace Minimax.Benchmarks;

/// <summary>
/// The median training step of an MLP with W workers on one in-process silo, against a plain TorchSharp
/// loop and a plain PyTorch loop (same rows, batch and optimizer) measured in the same rounds.
/// steps: the foundation MLP with W=1, 2, 4; heavy: an MLP where compute dominates, W=1, 2.
/// </summary>
public static class StepTimeBenchmark
{
    public static Task RunStepsAsync(int steps, int rounds, BenchmarkThreads threads, TextWriter output) =>
        RunAsync(MlpShape.Foundation, [1, 2, 4], steps, rounds, threads, output);

    public static Task RunHeavyAsync(int steps, int rounds, BenchmarkThreads threads, TextWriter output) =>
        RunAsync(MlpShape.Heavy, [1, 2], steps, rounds, threads, output);

    private static async Task RunAsync(MlpShape shape, int[] workerCounts, int steps, int rounds, BenchmarkThreads threads, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var optimizerSpec = BenchmarkSpecs.SgdMomentum;
        var spec = BenchmarkSpecs.Mlp(directory, steps, optimizerSpec, checkpointEvery: new TrainingSpec { Optimizer = new() }.CheckpointEvery, evalEvery: steps, shape);
        var train = TabularDatasetReader.Read(spec.Data.ToDataOptions(Minimax.Engine.Files.DataRoots.Everywhere)).Train;
        var optimizer = optimizerSpec.ToOptimizerOptions();
        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting);

        var measured = new Rounds(
            $"{shape.Describe()}, SGD lr {optimizerSpec.Lr} momentum {optimizerSpec.Momentum} weight decay {optimizerSpec.WeightDecay}; " +
            $"{steps} steps per round; a round's figure is its median step",
            threads, RoundUnit.StepMilliseconds);
        measured.Note("plain: single-process TorchSharp loop; W=n: a run through the run grain on one silo, the coordinator's median step");
        measured.Add("plain", threads.Plain, () => Task.FromResult(PlainLoop.MedianStepSeconds(train, optimizer, shape, steps, threads.Plain)));
        if (workerCounts.Contains(2))
        {
            // The machine's ceiling for two workers: two independent plain loops at once, one per thread, each
            // with a two-worker share of the cores. If each is as slow as the lone loop doubled, no data
            // parallelism within this machine can make W=2 faster than W=1.
            measured.Add("plain x2 at once", threads.Worker(2), () => TwoPlainLoopsAsync(train, optimizer, shape, steps, threads.Worker(2)));
        }
        foreach (var workers in workerCounts)
        {
            var run = spec with { Training = spec.Training with { Workers = workers } };
            measured.Add($"W={workers}", threads.Worker(workers), () => silo.MedianStepSecondsAsync(run));
        }
        await PyTorchRow.AddAsync(measured, "pytorch", threads.Plain, "mlp_steps.py",
        [
            "--train", spec.Data.Train, "--hidden", string.Join(',', shape.Hidden), "--batch", Invariant($"{shape.BatchSize}"), "--steps", Invariant($"{steps}"),
            "--threads", Invariant($"{threads.Plain}"), "--lr", Invariant($"{optimizerSpec.Lr}"), "--momentum", Invariant($"{optimizerSpec.Momentum}"),
            "--weight-decay", Invariant($"{optimizerSpec.WeightDecay}"),
        ], "median_step_seconds");
        await measured.RunAsync(rounds, baseline: "plain", output);
    }

    /// <summary>The larger of the median steps of two plain loops running at the same time on two threads.</summary>
    private static async Task<double> TwoPlainLoopsAsync(TabularSplit train, Minimax.Engine.Training.OptimizerOptions optimizer, MlpShape shape, int steps, int threads)
    {
        var loops = Enumerable.Range(0, 2)
            .Select(_ => Task.Factory.StartNew(() => PlainLoop.MedianStepSeconds(train, optimizer, shape, steps, threads), TaskCreationOptions.LongRunning))
            .ToArray();
        return (await Task.WhenAll(loops)).Max();
    }
}
