using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>A model replica and one data shard. Key: "{runId}/{shard}".</summary>
[Alias("minimax.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Loads the data, keeps shard <paramref name="shard"/> of <paramref name="shardCount"/>, builds the model.</summary>
    [Alias("Initialize")] Task<ShardInfo> InitializeAsync(RunSpec spec, int shard, int shardCount);

    /// <summary>Phase 1: forward pass on the given shard-local rows with these parameters; keeps the graph.</summary>
    [Alias("Forward")] Task<GroupLossStatistics> ForwardAsync(FlatTensor parameters, int[] localRows);

    /// <summary>Phase 3: back-propagates sum_i coefficient[g_i] * loss_i and returns the gradient.</summary>
    [Alias("Backward")] Task<FlatTensor> BackwardAsync(double[] groupCoefficients);

    /// <summary>Per-group counts of the shard of a split under these parameters.</summary>
    [Alias("Evaluate")] Task<GroupTallyRecord> EvaluateAsync(FlatTensor parameters, EvaluationSplit split);

    [Alias("Release")] Task ReleaseAsync();
}

public enum EvaluationSplit { Val, Test }

[GenerateSerializer, Immutable, Alias("minimax.ShardInfo")]
public sealed record ShardInfo(
    [property: Id(0)] int FirstTrainRow,
    [property: Id(1)] int TrainRows,
    [property: Id(2)] int[] TrainGroups,
    [property: Id(3)] int GroupCount,
    [property: Id(4)] int ClassCount,
    [property: Id(5)] int FeatureCount,
    [property: Id(6)] long[] TrainGroupCounts,
    [property: Id(7)] int ParameterCount);

/// <summary>Per-group loss sums and counts of one worker's minibatch (sums, not means: ALGORITHMS.md rule 1).</summary>
[GenerateSerializer, Immutable, Alias("minimax.GroupLossStatistics")]
public sealed record GroupLossStatistics(
    [property: Id(0)] double[] LossSums,
    [property: Id(1)] long[] Counts);

/// <summary>Per-group (count, correct, loss sum) of an evaluation shard.</summary>
[GenerateSerializer, Immutable, Alias("minimax.GroupTallyRecord")]
public sealed record GroupTallyRecord(
    [property: Id(0)] long[] Counts,
    [property: Id(1)] long[] Correct,
    [property: Id(2)] double[] LossSums);
