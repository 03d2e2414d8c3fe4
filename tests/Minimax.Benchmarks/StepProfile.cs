using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using Minimax.Grains.Runtime;
using Minimax.Grains.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Benchmarks;

/// <summary>
/// Where a W=1 step's time goes: the same step taken apart, each piece timed on its own in one process
/// (docs/performance.md). Every figure is a median over <c>steps</c> repetitions, in rounds, interleaved.
/// </summary>
public static class StepProfile
{
    public static async Task RunAsync(int steps, int rounds, BenchmarkThreads benchmarkThreads, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var spec = BenchmarkSpecs.Mlp(directory, steps, BenchmarkSpecs.SgdMomentum, checkpointEvery: new TrainingSpec { Optimizer = new() }.CheckpointEvery, evalEvery: steps);
        var train = TabularDatasetReader.Read(spec.Data.ToDataOptions(Minimax.Engine.Files.DataRoots.Everywhere)).Train;
        var optimizer = spec.Training.Optimizer.ToOptimizerOptions();
        var threads = benchmarkThreads.Plain;
        await using var silo = await InProcessSilo.StartAsync(directory, azureConnectionString: null, benchmarkThreads.SiloSetting);

        var samples = new Dictionary<string, List<double>>();
        void Add(string name, double seconds) => (samples.TryGetValue(name, out var list) ? list : samples[name] = []).Add(seconds);
        for (var round = 0; round < rounds + 1; round++)
        {
            var warmUp = round == 0;
            var measured = new List<(string, double)>();
            await OnThreadAsync(() =>
            {
                IntraOpThreads.Use(threads);
                measured.Add(("plain loop", PlainLoop.MedianStepSeconds(train, optimizer, MlpShape.Foundation, steps, threads)));
                foreach (var piece in EnginePieces(train, optimizer, steps))
                {
                    measured.Add(piece);
                }
            });
            measured.AddRange(await HopsAsync(steps, threads));
            measured.Add(("engine step through two tensor-thread hops", await HoppedEngineStepAsync(train, optimizer, steps, threads)));
            measured.Add(("W=1 run (coordinator's step)", await silo.MedianStepSecondsAsync(spec)));
            if (!warmUp)
            {
                foreach (var (name, seconds) in measured)
                {
                    Add(name, seconds);
                }
            }
        }
        output.WriteLine($"W=1 step taken apart: MLP {BenchmarkData.Features}-512-512-2, batch {MlpShape.Foundation.BatchSize}, {threads} intra-op threads, {Environment.ProcessorCount} cores; {steps} steps x {rounds} rounds (+1 warm-up)");
        output.WriteLine($"{"piece",-52} {"median ms",10} {"min ms",10}");
        foreach (var (name, values) in samples)
        {
            output.WriteLine($"{name,-52} {Stats.Median(values) * 1000,10:F3} {values.Min() * 1000,10:F3}");
        }
    }

    /// <summary>The worker's step on one thread, no grains: ShardStep's forward and backward, the finiteness check, the optimizer.</summary>
    private static IEnumerable<(string, double)> EnginePieces(TabularSplit train, OptimizerOptions options, int steps)
    {
        using var step = new ProfiledEngineStep(train, options);
        var forward = new List<double>();
        var backward = new List<double>();
        var finite = new List<double>();
        var optimize = new List<double>();
        var whole = new List<double>();
        for (var s = 0; s < steps; s++)
        {
            var rows = step.NextRows();
            var total = Stopwatch.StartNew();
            forward.Add(Time(() => step.Forward(rows)));
            backward.Add(Time(step.Backward));
            finite.Add(Time(step.CheckFinite));
            optimize.Add(Time(step.OptimizerStep));
            whole.Add(total.Elapsed.TotalSeconds);
        }
        yield return ("engine step, one thread (all below)", Stats.Median(whole));
        yield return ("  forward + per-example losses + group sums", Stats.Median(forward));
        yield return ("  backward of the weighted loss", Stats.Median(backward));
        yield return ("  gradient finiteness check", Stats.Median(finite));
        yield return ("  optimizer step", Stats.Median(optimize));
    }

    private static double Time(Action piece)
    {
        var clock = Stopwatch.StartNew();
        piece();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>What the grain path adds around the compute: a hop to a tensor thread and back, per call.</summary>
    private static async Task<IEnumerable<(string, double)>> HopsAsync(int steps, int threads)
    {
        using var thread = new TensorThread("profile");
        var hops = new List<double>();
        for (var s = 0; s < steps; s++)
        {
            var clock = Stopwatch.StartNew();
            await thread.RunAsync(() => IntraOpThreads.Use(threads));
            hops.Add(clock.Elapsed.TotalSeconds);
        }
        return [("tensor-thread hop, empty work (x2 per step)", Stats.Median(hops))];
    }

    /// <summary>The worker's step as the grain path runs it (forward in one hop, backward and step in another), without Orleans.</summary>
    private static async Task<double> HoppedEngineStepAsync(TabularSplit train, OptimizerOptions options, int steps, int threads)
    {
        using var thread = new TensorThread("profile-step");
        var step = await thread.RunAsync(() =>
        {
            IntraOpThreads.Use(threads);
            return new ProfiledEngineStep(train, options);
        });
        var times = new List<double>();
        for (var s = 0; s < steps; s++)
        {
            var rows = step.NextRows();
            var clock = Stopwatch.StartNew();
            await thread.RunAsync(() => step.Forward(rows));
            await thread.RunAsync(() =>
            {
                step.Backward();
                step.CheckFinite();
                step.OptimizerStep();
            });
            times.Add(clock.Elapsed.TotalSeconds);
        }
        await thread.RunAsync(step.Dispose);
        return Stats.Median(times);
    }

    private static Task OnThreadAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        });
        thread.Start();
        return done.Task;
    }
}
