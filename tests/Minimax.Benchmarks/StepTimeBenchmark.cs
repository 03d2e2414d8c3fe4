using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Training;

namespace Minimax.Benchmarks;

public static class StepTimeBenchmark
{
    private const int BatchSize = BenchmarkSpecs.BatchSize;

    public static async Task RunAsync(int steps, int rounds, TextWriter output)
    {
        var directory = BenchmarkData.Write(trainRows: 8192);
        var spec = BenchmarkSpecs.Mlp(directory, steps, BenchmarkSpecs.SgdMomentum, checkpointEvery: new TrainingSpec { Optimizer = new() }.CheckpointEvery, evalEvery: steps);
        var train = TabularDatasetReader.Read(spec.Data.ToDataOptions(Minimax.Engine.Files.DataRoots.Everywhere)).Train;
        var optimizer = spec.Training.Optimizer.ToOptimizerOptions();

        using var host = await BenchmarkSilo.StartAsync(directory);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var samples = new Dictionary<string, List<double>> { ["plain"] = [], ["W=1"] = [], ["W=2"] = [], ["W=4"] = [] };
        for (var round = 0; round < rounds; round++)
        {
            // Interleaved so that machine noise hits every configuration alike.
            samples["plain"].Add(PlainLoop.MedianStepSeconds(train, optimizer, BatchSize, steps));
            foreach (var workers in new[] { 1, 2, 4 })
            {
                samples[$"W={workers}"].Add(await InProcessSilo.MedianStepSecondsAsync(grains, spec with { Training = spec.Training with { Workers = workers } }));
            }
        }
        await host.StopAsync();

        output.WriteLine($"MLP {BenchmarkData.Features}-512-512-2, batch {BatchSize}, SGD momentum 0.9; {steps} steps x {rounds} rounds, medians");
        Stats.WriteRatioTable(output, samples, "plain");
    }
}
