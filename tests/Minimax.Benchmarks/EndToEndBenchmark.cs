using System.Diagnostics;
using static System.FormattableString;

namespace Minimax.Benchmarks;

/// <summary>
/// Examples per second of a whole run, submit to completed report through the in-process silo's run grain
/// (data parse, every step, val evaluated every epoch, model selection, test evaluation, final model), on
/// Waterbirds-like data, with W=1 and W=2 workers; against the same recipe as a plain PyTorch script
/// (python/group_dro_run.py, timed from reading its CSVs to its test result) in the same rounds.
/// Equal work: the same rows, epochs, batch, objective, optimizer and evaluation cadence.
/// </summary>
public static class EndToEndBenchmark
{
    private const int BatchSize = 128;

    public static async Task RunAsync(int epochs, int rounds, BenchmarkThreads threads, TextWriter output)
    {
        var directory = BenchmarkData.WriteWaterbirdsLike();
        var stepsPerEpoch = (BenchmarkData.WaterbirdsTrainRows + BatchSize - 1) / BatchSize;
        var examples = (double)epochs * BenchmarkData.WaterbirdsTrainRows;
        var spec = BenchmarkSpecs.GroupDroRecipe(directory, epochs, workers: 1, BatchSize, stepsPerEpoch);
        var optimizer = spec.Training.Optimizer;
        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting);

        var measured = new Rounds(
            $"Group DRO (step size {spec.Objective.StepSize}) on Waterbirds-like data ({BenchmarkData.WaterbirdsTrainRows} train rows, {BenchmarkData.Features} features, " +
            $"4 groups, minority about 1%), MLP {BenchmarkData.Features}-{string.Join('-', spec.Model.Hidden)}-2, batch {BatchSize}, " +
            $"SGD lr {optimizer.Lr} momentum {optimizer.Momentum} weight decay {optimizer.WeightDecay}; {epochs} epochs of {stepsPerEpoch} steps, " +
            $"val every epoch, no checkpoints; a round's figure is one whole run's training examples per second",
            threads, RoundUnit.ExamplesPerSecond);
        measured.Note("W=n: submit to completed report through the run grain; pytorch: the same recipe as a script (kohpangwei/group_DRO's loss), " +
            "from reading the CSVs to the test result. Higher is better; min is the slowest round");
        foreach (var workers in new[] { 1, 2 })
        {
            var run = spec with { Training = spec.Training with { Workers = workers } };
            measured.Add($"W={workers}", threads.Worker(workers), async () =>
            {
                var clock = Stopwatch.StartNew();
                var snapshot = await silo.RunToEndAsync(run);
                var seconds = clock.Elapsed.TotalSeconds;
                return snapshot.Result!.Steps == epochs * stepsPerEpoch
                    ? examples / seconds
                    : throw new InvalidOperationException($"the run took {snapshot.Result.Steps} steps, not {epochs} x {stepsPerEpoch}");
            });
        }
        var withPyTorch = await PyTorchRow.AddAsync(measured, "pytorch", threads.Plain, "group_dro_run.py",
        [
            "--data", directory, "--hidden", string.Join(',', spec.Model.Hidden), "--batch", Invariant($"{BatchSize}"), "--epochs", Invariant($"{epochs}"),
            "--threads", Invariant($"{threads.Plain}"), "--lr", Invariant($"{optimizer.Lr}"), "--momentum", Invariant($"{optimizer.Momentum}"),
            "--weight-decay", Invariant($"{optimizer.WeightDecay}"), "--step-size", Invariant($"{spec.Objective.StepSize}"),
        ], "examples_per_second");
        await measured.RunAsync(rounds, baseline: withPyTorch ? "pytorch" : "W=1", output);
    }
}
