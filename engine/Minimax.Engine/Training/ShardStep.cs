using Minimax.Engine.Data;
using Minimax.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Training;

/// <summary>
/// A worker's share of one training step: forward its rows, report per-group loss sums and counts, then
/// back-propagate Σ_i c_{g_i}·ℓ_i with the coordinator's coefficients. Forward and Backward must run on the
/// same thread, one after the other.
/// </summary>
public sealed class ShardStep : IDisposable
{
    private readonly Mlp model;
    private readonly TabularSplit shard;
    private readonly int groupCount;
    private readonly Tensor features;
    private readonly Tensor labels;
    private Tensor? keptLosses;
    private Tensor? keptGroups;

    public ShardStep(Mlp model, TabularSplit shard, int groupCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupCount);
        this.model = model;
        this.shard = shard;
        this.groupCount = groupCount;
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        using var scope = NewDisposeScope();
        features = tensor(shard.Features, [shard.Count, shard.FeatureCount]).to(device).DetachFromDisposeScope();
        labels = tensor(shard.Labels.Select(l => (long)l).ToArray()).to(device).DetachFromDisposeScope();
    }

    public TabularSplit Shard => shard;

    public (double[] LossSums, long[] Counts) Forward(int[] localRows)
    {
        ArgumentNullException.ThrowIfNull(localRows);
        ReleaseGraph();
        var sums = new double[groupCount];
        var counts = new long[groupCount];
        if (localRows.Length == 0)
        {
            return (sums, counts);
        }

        using var scope = NewDisposeScope();
        model.train();
        var index = tensor(localRows.Select(r => (long)r).ToArray()).to(features.device);
        var logits = model.forward(features.index_select(0, index));
        var losses = nn.functional.cross_entropy(logits, labels.index_select(0, index), reduction: nn.Reduction.None);
        var values = losses.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
        var groups = new long[localRows.Length];
        for (var i = 0; i < localRows.Length; i++)
        {
            var g = shard.Groups[localRows[i]];
            groups[i] = g;
            sums[g] += values[i];
            counts[g]++;
        }

        // The per-example losses keep the autograd graph alive until Backward.
        keptLosses = losses.DetachFromDisposeScope();
        keptGroups = tensor(groups).to(features.device).DetachFromDisposeScope();
        return (sums, counts);
    }

    public void Backward(double[] groupCoefficients)
    {
        ArgumentNullException.ThrowIfNull(groupCoefficients);
        if (groupCoefficients.Length != groupCount)
        {
            throw new ArgumentException($"Expected {groupCount} coefficients, not {groupCoefficients.Length}.", nameof(groupCoefficients));
        }

        try
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            if (keptLosses is not null && keptGroups is not null)
            {
                var coefficients = tensor(groupCoefficients.Select(c => (float)c).ToArray()).to(keptLosses.device);
                var loss = (keptLosses * coefficients.index_select(0, keptGroups)).sum();
                loss.backward();
            }
        }
        finally
        {
            ReleaseGraph();
        }
    }

    public void Dispose()
    {
        ReleaseGraph();
        features.Dispose();
        labels.Dispose();
    }

    private void ReleaseGraph()
    {
        keptLosses?.Dispose();
        keptGroups?.Dispose();
        keptLosses = null;
        keptGroups = null;
    }
}
