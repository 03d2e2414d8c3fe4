namespace Minimax.Contracts.Specs;

/// <summary>One model of an evaluation: a completed run's final model, or a file of its predictions (exactly one of the two).</summary>
[GenerateSerializer, Immutable, Alias("minimax.EvaluationModelSpec")]
public sealed record EvaluationModelSpec
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>The run whose final model (its selected parameters) the cluster scores.</summary>
    [Id(1)] public string? Run { get; init; }
    /// <summary>Absolute path of a predictions file (.csv or .jsonl).</summary>
    [Id(2)] public string? Predictions { get; init; }
}
