using Minimax.Engine.Models;
using Minimax.Engine.Objectives;
using Minimax.Engine.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Minimax.Engine.Training;

/// <summary>
/// A worker's share of one language-model training step: forward its windows, report per-domain token-loss
/// sums, token counts and (with a frozen reference model) clipped excess-loss sums
/// (<see cref="StatisticNames.ClippedExcess"/>), then back-propagate
/// Σ_tokens c_{domain(token)}·ℓ_token with the coordinator's coefficients. The language-model twin of
/// <see cref="ShardStep"/>; Forward and Backward must run on the same thread, one after the other.
/// </summary>
public sealed class LmShardStep : IDisposable
{
    private readonly TransformerLm model;
    private readonly TransformerLm? reference;
    private readonly TokenWindows shard;
    private readonly int domainCount;
    private readonly Tensor windows;
    private Tensor? keptLosses;
    private Tensor? keptDomains;

    public LmShardStep(TransformerLm model, TransformerLm? reference, TokenWindows shard, int domainCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(domainCount);
        if (shard.Context > model.Options.Context)
        {
            throw new ArgumentException($"Windows of context {shard.Context} exceed the model's context {model.Options.Context}.", nameof(shard));
        }

        // The reference may differ in size or dropout, but must score the same tokens over the same context.
        if (reference is not null
            && (reference.Options.VocabularySize != model.Options.VocabularySize || shard.Context > reference.Options.Context))
        {
            throw new ArgumentException("The reference model must share the model's vocabulary and cover the windows' context.", nameof(reference));
        }

        this.model = model;
        this.reference = reference;
        this.shard = shard;
        this.domainCount = domainCount;
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        using var scope = NewDisposeScope();
        windows = tensor(shard.Tokens, [shard.Count, shard.WindowLength]).to(device).DetachFromDisposeScope();
    }

    public TokenWindows Shard => shard;

    /// <summary>The extra per-domain sums <see cref="Forward"/> reports: the clipped excess when there is a reference model.</summary>
    public IReadOnlyList<string> ExtraStatistics => reference is null ? [] : [StatisticNames.ClippedExcess];

    public BatchStatistics Forward(int[] localRows)
    {
        ArgumentNullException.ThrowIfNull(localRows);
        ReleaseGraph();
        var sums = new double[domainCount];
        var counts = new long[domainCount];
        var excess = reference is null ? null : new double[domainCount];
        if (localRows.Length == 0)
        {
            return Statistics(sums, counts, excess);
        }

        using var scope = NewDisposeScope();
        var batch = windows.index_select(0, tensor(localRows.Select(r => (long)r).ToArray()).to(windows.device));
        var inputs = batch[.., ..shard.Context];
        var targets = batch[.., 1..];
        model.train();
        var losses = model.PerTokenLoss(inputs, targets);
        var detached = losses.detach().to(ScalarType.Float64);
        var windowSums = detached.sum(1).cpu().data<double>().ToArray();
        var windowExcess = reference is null ? null : WindowExcess(detached, inputs, targets);

        var domains = new long[localRows.Length];
        for (var i = 0; i < localRows.Length; i++)
        {
            var d = shard.Domains[localRows[i]];
            domains[i] = d;
            sums[d] += windowSums[i];
            counts[d] += shard.Context;
            if (excess is not null && windowExcess is not null)
            {
                excess[d] += windowExcess[i];
            }
        }

        // The per-token losses keep the autograd graph alive until Backward.
        keptLosses = losses.DetachFromDisposeScope();
        keptDomains = tensor(domains).to(windows.device).DetachFromDisposeScope();
        return Statistics(sums, counts, excess);
    }

    public void Backward(double[] domainCoefficients)
    {
        ArgumentNullException.ThrowIfNull(domainCoefficients);
        if (domainCoefficients.Length != domainCount)
        {
            throw new ArgumentException($"Expected {domainCount} coefficients, not {domainCoefficients.Length}.", nameof(domainCoefficients));
        }

        try
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            if (keptLosses is not null && keptDomains is not null)
            {
                var coefficients = tensor(domainCoefficients.Select(c => (float)c).ToArray()).to(keptLosses.device);
                var loss = (keptLosses * coefficients.index_select(0, keptDomains).unsqueeze(1)).sum();
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
        windows.Dispose();
    }

    /// <summary>
    /// Σ over each window's tokens of max(ℓ_model − ℓ_ref, 0), clipped per token before summing
    /// (ALGORITHMS.md §2c step 2, pitfall "Clipping"). The reference runs in eval mode without a graph.
    /// </summary>
    private double[] WindowExcess(Tensor modelLosses, Tensor inputs, Tensor targets)
    {
        var frozen = reference!;
        var wasTraining = frozen.training;
        frozen.eval();
        try
        {
            using var noGrad = no_grad();
            var referenceLosses = frozen.PerTokenLoss(inputs, targets).to(ScalarType.Float64);
            return (modelLosses - referenceLosses).clamp_min(0).sum(1).cpu().data<double>().ToArray();
        }
        finally
        {
            frozen.train(wasTraining);
        }
    }

    private static BatchStatistics Statistics(double[] sums, long[] counts, double[]? excess) =>
        new(sums, counts, excess is null ? null : new Dictionary<string, double[]> { [StatisticNames.ClippedExcess] = excess });

    private void ReleaseGraph()
    {
        keptLosses?.Dispose();
        keptDomains?.Dispose();
        keptLosses = null;
        keptDomains = null;
    }
}
