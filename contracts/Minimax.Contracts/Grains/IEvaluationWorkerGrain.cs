using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// Scores cluster-held models over one contiguous shard of an evaluation's data. Key: "{jobId}/{shard}".
/// Holds nothing between calls: each call reads the data and the final models it scores.
/// </summary>
[Alias("minimax.IEvaluationWorkerGrain")]
public interface IEvaluationWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Scores each of <paramref name="models"/> (run models of <paramref name="spec"/>) on shard
    /// <paramref name="shard"/> of <paramref name="shardCount"/>, in the order given, reading data from
    /// <paramref name="tenant"/>'s data roots. Throws
    /// <see cref="ArgumentException"/> naming the field (<c>data...</c>, <c>models[i].run</c>) when a model
    /// is missing or does not fit the data. The call takes as long as the shard's inference: size shards
    /// (or pass fewer models per call) to stay well under the grain-call timeout.
    /// </summary>
    [Alias("Score")] Task<ShardScores> ScoreAsync(EvaluationSpec spec, string tenant, int shard, int shardCount, IReadOnlyList<ScoredModel> models);
}

/// <summary>A run model of an evaluation: its name in the spec, the run id and the spec that run trained with.</summary>
[GenerateSerializer, Immutable, Alias("minimax.ScoredModel")]
public sealed record ScoredModel(
    [property: Id(0)] string Name,
    [property: Id(1)] string RunId,
    [property: Id(2)] RunSpec Run);

/// <summary>
/// One shard's scores. Tabular data: the shard's rows [<see cref="FirstRow"/>, FirstRow + Labels.Length) with
/// their labels, groups and example ids once, and per model a tally and each row's predicted class. A text
/// corpus: per model a per-domain token tally of its held-out windows only (the row arrays are empty).
/// </summary>
/// <param name="Classes">The text of <c>common_counter.class</c> per row, when the spec has a common/counter split.</param>
/// <param name="GroupNames">A text corpus's domains, in group order.</param>
[GenerateSerializer, Immutable, Alias("minimax.ShardScores")]
public sealed record ShardScores(
    [property: Id(0)] int FirstRow,
    [property: Id(1)] int GroupCount,
    [property: Id(2)] int[] Labels,
    [property: Id(3)] int[] Groups,
    [property: Id(4)] string[] ExampleIds,
    [property: Id(5)] IReadOnlyList<ModelScores> Models,
    [property: Id(6)] string[]? Classes = null,
    [property: Id(7)] IReadOnlyList<string>? GroupNames = null);

/// <summary>One model on one shard: per-group (count, correct, loss sum), and per row the predicted class (tabular data only).</summary>
[GenerateSerializer, Immutable, Alias("minimax.ModelScores")]
public sealed record ModelScores(
    [property: Id(0)] string Name,
    [property: Id(1)] GroupTallyRecord Tally,
    [property: Id(2)] int[]? Predictions);
