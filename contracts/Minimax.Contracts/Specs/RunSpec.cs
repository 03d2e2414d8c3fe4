namespace Minimax.Contracts.Specs;

/// <summary>A validated training run spec (docs/run-spec.md). Data paths are absolute.</summary>
[GenerateSerializer, Immutable, Alias("minimax.RunSpec")]
public sealed record RunSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int Seed { get; init; }
    [Id(2)] public required DataSpec Data { get; init; }
    [Id(3)] public required ModelSpec Model { get; init; }
    [Id(4)] public required ObjectiveSpec Objective { get; init; }
    [Id(5)] public required TrainingSpec Training { get; init; }
    /// <summary>The frozen reference model, for objectives that score against one; null otherwise.</summary>
    [Id(6)] public ReferenceModelSpec? Reference { get; init; }
    /// <summary>Estimated peak memory per worker, set when the run is submitted; null for runs submitted before it existed.</summary>
    [Id(7)] public MemoryEstimate? Memory { get; init; }
}
