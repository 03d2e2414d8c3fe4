using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;

namespace Minimax.Grains.Training.Objectives;

/// <summary>
/// What the worker grain and the training session ask of an objective, so that neither names one: the
/// statistics its rule reads from the workers, whether workers score against a frozen reference model, how
/// batches are drawn, and the rule itself. Registered in <see cref="ObjectiveRegistry"/>; the run spec side
/// of the same objective is its section in Minimax.Contracts (Specs/Objectives).
/// </summary>
public interface IObjective
{
    ObjectiveKind Kind { get; }

    /// <summary>
    /// Per-group sums beyond loss sums and counts that every worker reports (<see cref="StatisticNames"/>), in
    /// the order they travel; the coordinator adds them up over workers like the loss sums.
    /// </summary>
    IReadOnlyList<string> ExtraStatistics => [];

    /// <summary>Whether workers load <see cref="RunSpec.Reference"/> and run it, frozen, beside the trained model.</summary>
    bool UsesReferenceModel => false;

    /// <summary>
    /// Whether the rule weighs each group's batch loss, so that a group absent from a batch counts as loss 0 and
    /// the run is warned when a group is expected less than once per batch (<see cref="GroupCoverage"/>).
    /// </summary>
    bool WeighsGroupLosses => false;

    /// <summary>How a tabular run draws its batches.</summary>
    SamplingMode TabularSampling(ObjectiveSpec objective) =>
        objective.BalancedSampling ? SamplingMode.InverseGroupFrequency : SamplingMode.Shuffle;

    /// <summary>The domain mixture a text corpus run draws its batches with.</summary>
    DomainWeightsSpec TextMixture(RunSpec spec) => spec.Data.Mixture;

    /// <summary>The coordinator's weight rule for a run whose workers report <paramref name="shape"/>.</summary>
    IGroupWeightRule CreateRule(ObjectiveSpec objective, ShardInfo shape);
}
