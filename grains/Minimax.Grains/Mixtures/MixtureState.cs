using Minimax.Contracts.Grains;
using Minimax.Grains.Jobs;

namespace Minimax.Grains.Mixtures;

/// <summary>
/// A mixture job's row: the shared lifecycle and its stages (at most 2 per round plus 2, rounds <= 20).
/// Weights, trajectories and the comparison grow with domains and steps, so they are the job's result document.
/// </summary>
[GenerateSerializer, Alias("minimax.MixtureState")]
public sealed class MixtureState : JobState
{
    [Id(0)] public List<MixtureStageRecord> Stages { get; set; } = [];
    /// <summary>Rounds recorded in the result document (0 before the first).</summary>
    [Id(1)] public int RoundsDone { get; set; }
    [Id(2)] public bool Compared { get; set; }

    /// <summary>Adds or replaces the stage's record; false when it is recorded already.</summary>
    public bool Record(MixtureStageRecord record) => ChildRecords.Record(Stages, record, stage => stage.RunId);
}

/// <summary>The mixture's result document: domains, each finished round and the main vs baseline comparison.</summary>
[GenerateSerializer, Alias("minimax.MixtureResult")]
public sealed record MixtureResult(
    [property: Id(0)] IReadOnlyList<string> Domains,
    [property: Id(1)] IReadOnlyList<MixtureRoundRecord> Rounds,
    [property: Id(2)] MixtureComparison? Comparison)
{
    public static readonly MixtureResult Empty = new([], [], null);
}
