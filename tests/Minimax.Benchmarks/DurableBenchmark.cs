using System.Diagnostics;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// Overhead of durable mode: the same run (foundation MLP, SGD momentum, checkpoints every
/// <c>checkpointEvery</c> steps) on an in-process silo with Storage:Provider=azure on Azurite and on one
/// with memory storage, in interleaved rounds. Ratio: azure median step (and wall) / memory's.
/// </summary>
public static class DurableBenchmark
{
    public static async Task RunAsync(int steps, int rounds, int checkpointEvery, BenchmarkThreads threads, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var spec = BenchmarkSpecs.Mlp(directory, steps, BenchmarkSpecs.SgdMomentum, checkpointEvery, evalEvery: 50);
        await using var azurite = await AzuriteServer.StartAsync();
        await using var memory = await InProcessSilo.StartAsync(directory, azureConnectionString: null, threads.SiloSetting);
        await using var azure = await InProcessSilo.StartAsync(directory, azurite.ConnectionString, threads.SiloSetting);
        var silos = new (string Name, InProcessSilo Silo)[] { ("memory", memory), ("azure", azure) };

        // One unmeasured run each: JIT, TorchSharp start-up, table and container creation.
        foreach (var (_, silo) in silos)
        {
            await silo.RunToEndAsync(spec with { Training = spec.Training with { Steps = checkpointEvery + 1 } });
        }

        var samples = silos.ToDictionary(s => s.Name, _ => (Step: new List<double>(), Wall: new List<double>()));
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so neither always follows the other's checkpoint and storage traffic.
            foreach (var (name, silo) in round % 2 == 0 ? silos : silos.Reverse())
            {
                var clock = Stopwatch.StartNew();
                var snapshot = await silo.RunToEndAsync(spec);
                samples[name].Wall.Add(clock.Elapsed.TotalSeconds);
                samples[name].Step.Add(snapshot.Result!.MedianStepSeconds);
            }
        }

        var baseStep = Stats.Median(samples["memory"].Step);
        var baseWall = Stats.Median(samples["memory"].Wall);
        output.WriteLine($"{MlpShape.Foundation.Describe()}, SGD momentum; {steps} steps, checkpoint_every {checkpointEvery}, eval_every 50; {rounds} rounds after one warm-up run each, medians");
        Rounds.WriteMachine(output, threads);
        output.WriteLine($"{"storage",-8} {"step ms",9} {"step ratio",11} {"run wall s",11} {"wall ratio",11}");
        foreach (var (name, (step, wall)) in samples)
        {
            var stepMedian = Stats.Median(step);
            var wallMedian = Stats.Median(wall);
            output.WriteLine($"{name,-8} {stepMedian * 1000,9:F3} {stepMedian / baseStep,11:F3} {wallMedian,11:F3} {wallMedian / baseWall,11:F3}");
        }
    }
}
