using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;

namespace Minimax.Grains.Training.Objectives;

/// <summary>
/// <c>doremi</c>, a mixture job's proxy stage (ALGORITHMS.md §2c): workers score every batch with the frozen
/// reference model and report per-domain clipped excess sums, batches draw every domain with equal
/// probability (step 1), and the rule takes the smoothed exponentiated-gradient step on the domain weights.
/// </summary>
internal sealed class DoReMiObjective : IObjective
{
    public ObjectiveKind Kind => ObjectiveKind.DoReMi;

    public IReadOnlyList<string> ExtraStatistics { get; } = [StatisticNames.ClippedExcess];

    public bool UsesReferenceModel => true;

    public DomainWeightsSpec TextMixture(RunSpec spec) => DomainWeightsSpec.Uniform;

    // The vocabulary size (a language model's class count) seeds lambda for domains absent from the first
    // batches (log |V|, as the reference).
    public IGroupWeightRule CreateRule(ObjectiveSpec objective, ShardInfo shape) =>
        new DoReMiRule(shape.GroupCount, shape.ClassCount, objective.StepSize, objective.Smoothing);
}
