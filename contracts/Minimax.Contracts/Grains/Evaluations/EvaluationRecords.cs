using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains.Evaluations;

/// <summary>A 95% Wilson score interval.</summary>
[GenerateSerializer, Immutable, Alias("minimax.IntervalRecord")]
public sealed record IntervalRecord([property: Id(0)] double Low, [property: Id(1)] double High);

/// <summary>One model on one group: counts from merged per-group tallies (ALGORITHMS.md §8), never averaged accuracies.</summary>
[GenerateSerializer, Immutable, Alias("minimax.EvaluatedGroupRecord")]
public sealed record EvaluatedGroupRecord(
    [property: Id(0)] string Group,
    [property: Id(1)] long Count,
    [property: Id(2)] long Correct,
    [property: Id(3)] double Accuracy,
    [property: Id(4)] IntervalRecord Ci95,
    [property: Id(5)] double Loss,
    [property: Id(6)] long Abstentions);

[GenerateSerializer, Immutable, Alias("minimax.CommonCounterRecord")]
public sealed record CommonCounterRecord(
    [property: Id(0)] string? Class,
    [property: Id(1)] double Common,
    [property: Id(2)] double Counter,
    [property: Id(3)] double Drop);

[GenerateSerializer, Immutable, Alias("minimax.EvaluatedModelRecord")]
public sealed record EvaluatedModelRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] string Source,
    [property: Id(2)] long Count,
    [property: Id(3)] long Correct,
    [property: Id(4)] double Accuracy,
    [property: Id(5)] IntervalRecord Ci95,
    [property: Id(6)] string WorstGroup,
    [property: Id(7)] double WorstGroupAccuracy,
    [property: Id(8)] IReadOnlyList<EvaluatedGroupRecord> Groups,
    [property: Id(9)] double MacroAccuracy,
    [property: Id(10)] CommonCounterRecord? Pooled,
    [property: Id(11)] IReadOnlyList<CommonCounterRecord> PerClass,
    [property: Id(12)] long Abstentions,
    [property: Id(13)] double Perplexity,
    [property: Id(14)] double AbstentionShareOfErrors);

/// <summary>One model against the base, over all examples (<see cref="Group"/> null) or on one group.</summary>
[GenerateSerializer, Immutable, Alias("minimax.ComparisonRecord")]
public sealed record ComparisonRecord(
    [property: Id(0)] string Model,
    [property: Id(1)] string Base,
    [property: Id(2)] string? Group,
    [property: Id(3)] double BaseAccuracy,
    [property: Id(4)] double Accuracy,
    [property: Id(5)] double? RelativeDrop,
    [property: Id(6)] string Test,
    [property: Id(7)] double? Statistic,
    [property: Id(8)] double? PValue,
    [property: Id(9)] double? PAdjusted,
    [property: Id(10)] bool Significant,
    [property: Id(11)] long BaseOnlyCorrect,
    [property: Id(12)] long ModelOnlyCorrect);

/// <summary>An evaluation's result, kept as the job's result document.</summary>
[GenerateSerializer, Immutable, Alias("minimax.EvaluationResult")]
public sealed record EvaluationResult(
    [property: Id(0)] long Examples,
    [property: Id(1)] IReadOnlyList<string> Groups,
    [property: Id(2)] IReadOnlyList<EvaluatedModelRecord> Models,
    [property: Id(3)] IReadOnlyList<ComparisonRecord> Comparisons);

/// <summary>Everything GetJob answers of an evaluation: its phase while it runs, its result once done.</summary>
[GenerateSerializer, Immutable, Alias("minimax.EvaluationSnapshot")]
public sealed record EvaluationSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] EvaluationSpec? Spec,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] string Phase,
    [property: Id(4)] int ModelsDone,
    [property: Id(5)] int ModelsTotal,
    [property: Id(6)] EvaluationResult? Result) : JobDetail;
