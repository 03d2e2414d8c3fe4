namespace Minimax.Contracts.Specs;

/// <summary>A validated <c>kind: doremi</c> mixture job spec (docs/run-spec.md). Data paths are absolute.</summary>
[GenerateSerializer, Immutable, Alias("minimax.MixtureSpec")]
public sealed record MixtureSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int Seed { get; init; }
    [Id(2)] public required DataSpec Data { get; init; }
    [Id(3)] public required ModelSpec Model { get; init; }
    [Id(4)] public required DoReMiSpec DoReMi { get; init; }
    /// <summary>Training settings of every stage run (steps are per stage).</summary>
    [Id(5)] public required TrainingSpec Training { get; init; }
    /// <summary>Estimated peak memory per worker of its largest stage (the proxy, beside its reference model), set at submit.</summary>
    [Id(6)] public MemoryEstimate? Memory { get; init; }
}
