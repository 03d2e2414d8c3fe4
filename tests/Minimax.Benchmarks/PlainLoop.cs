using System.Diagnostics;
using Minimax.Engine.Data;
using Minimax.Engine.Models;
using Minimax.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Benchmarks;

/// <summary>The baseline: an ordinary single-process TorchSharp training loop, no grains.</summary>
public static class PlainLoop
{
    /// <summary>The median step of <paramref name="steps"/> steps, with <paramref name="threads"/> intra-op threads on the calling thread.</summary>
    public static double MedianStepSeconds(TabularSplit train, OptimizerOptions optimizerOptions, MlpShape shape, int steps, int threads)
    {
        // libtorch's thread setting belongs to the calling thread, and this loop never leaves it.
        IntraOpThreads.Use(threads);
        using var model = new Mlp(train.FeatureCount, shape.Hidden, 2, MlpActivation.Relu, 0);
        ParameterVector.Initialize(model, 1);
        using var optimizer = OptimizerFactory.Create(optimizerOptions, model.parameters());
        using var features = tensor(train.Features, [train.Count, train.FeatureCount]);
        using var labels = tensor(train.Labels.Select(l => (long)l).ToArray());
        var random = new Random(5);
        var times = new List<double>(steps);
        for (var step = 0; step < steps; step++)
        {
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                var rows = tensor(Enumerable.Range(0, shape.BatchSize).Select(_ => (long)random.Next(train.Count)).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(features.index_select(0, rows)), labels.index_select(0, rows));
                loss.backward();
                optimizer.step();
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Stats.Median(times);
    }
}
