using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;

namespace Minimax.Grains.Training.Objectives;

/// <summary>
/// <c>reweighted</c>: the mean loss over batches drawn with probability ∝ 1/n_g, the reference's
/// <c>--reweight_groups</c> without <c>--robust</c> (ALGORITHMS.md 1c baselines).
/// </summary>
internal sealed class ReweightedObjective : IObjective
{
    public ObjectiveKind Kind => ObjectiveKind.Reweighted;

    public SamplingMode TabularSampling(ObjectiveSpec objective) => SamplingMode.InverseGroupFrequency;

    public IGroupWeightRule CreateRule(ObjectiveSpec objective, ShardInfo shape) => new ErmRule(shape.GroupCount);
}
