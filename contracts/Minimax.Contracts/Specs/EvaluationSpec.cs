namespace Minimax.Contracts.Specs;

/// <summary>
/// A validated <c>kind: evaluation</c> job spec (docs/run-spec.md, "Evaluation jobs"): models to score on
/// one data set, and the comparisons to make between them. Paths are absolute.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.EvaluationSpec")]
public sealed record EvaluationSpec
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>A tabular test file (<see cref="DataSpec.Test"/>; no train or val) or a text corpus, whose held-out text is scored.</summary>
    [Id(1)] public required DataSpec Data { get; init; }
    /// <summary>One to <see cref="EvaluationSpecReader.MaxModels"/> models with distinct names, in spec order.</summary>
    [Id(2)] public required IReadOnlyList<EvaluationModelSpec> Models { get; init; }
    /// <summary>Null: no comparisons.</summary>
    [Id(3)] public ComparisonSpec? Compare { get; init; }
    [Id(4)] public CommonCounterSpec? CommonCounter { get; init; }
    [Id(5)] public AbstentionSpec? Abstention { get; init; }
    /// <summary>Estimated peak memory per worker of scoring its largest model, set at submit.</summary>
    [Id(6)] public MemoryEstimate? Memory { get; init; }
}
