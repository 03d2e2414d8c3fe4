using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Sampling;
using Minimax.Grains.Training.Objectives;

namespace Minimax.Grains.Training;

/// <summary>The batch sampler of a training session, drawing as the run's objective asks.</summary>
internal static class SessionSampling
{
    /// <summary>The sampler, and for a text corpus the resolved domain weights it draws with (reported with the result).</summary>
    public static (BatchSampler Sampler, double[]? DomainWeights) Create(RunSpec spec, IObjective objective, ShardLayout layout, ShardInfo shape)
    {
        var seed = Seed(spec.Seed);
        if (spec.Data.IsText)
        {
            var weights = objective.TextMixture(spec).Resolve(shape.GroupNames ?? [], shape.TrainTokenCounts ?? [], "data.mixture");
            return (new BatchSampler(layout.TrainGroups, spec.Training.BatchSize, weights, seed), weights);
        }

        return (new BatchSampler(layout.TrainGroups, spec.Training.BatchSize, objective.TabularSampling(spec.Objective), seed), null);
    }

    private static ulong Seed(int seed) => unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0x5DEECE66DUL);
}
