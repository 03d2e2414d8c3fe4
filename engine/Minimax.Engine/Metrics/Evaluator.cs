using Minimax.Engine.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Metrics;

/// <summary>Runs a classifier over a split in eval mode: per-group counts, correct predictions and cross-entropy sums, and per-example predictions.</summary>
public static class Evaluator
{
    public static GroupTally Tally(nn.Module<Tensor, Tensor> model, TabularSplit split, int groupCount, int batchSize = 4096) =>
        Score(model, split, groupCount, batchSize).Tally;

    /// <summary>The tally plus every example's argmax class and loss, in split order.</summary>
    public static ScoredSplit Score(nn.Module<Tensor, Tensor> model, TabularSplit split, int groupCount, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        var tally = new GroupTally(groupCount);
        var predicted = new int[split.Count];
        var rowLosses = new double[split.Count];
        var wasTraining = model.training;
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < split.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, split.Count - start);
                var x = tensor(
                    split.Features.AsSpan(start * split.FeatureCount, count * split.FeatureCount).ToArray(),
                    [count, split.FeatureCount]).to(device);
                var y = tensor(split.Labels.AsSpan(start, count).ToArray().Select(l => (long)l).ToArray()).to(device);
                var logits = model.forward(x);
                var losses = nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None)
                    .to(ScalarType.Float64).cpu().data<double>().ToArray();
                var predictions = logits.argmax(1).cpu().data<long>().ToArray();
                for (var i = 0; i < count; i++)
                {
                    var row = start + i;
                    var g = split.Groups[row];
                    predicted[row] = (int)predictions[i];
                    rowLosses[row] = losses[i];
                    tally.Counts[g]++;
                    tally.LossSums[g] += losses[i];
                    if (predictions[i] == split.Labels[row])
                    {
                        tally.Correct[g]++;
                    }
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new ScoredSplit(tally, predicted, rowLosses);
    }
}
