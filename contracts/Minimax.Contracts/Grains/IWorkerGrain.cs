using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A model replica, its optimizer and one data shard. Key: "{runId}/{shard}". Every worker applies
/// the same summed gradient with the same optimizer, so the replicas stay identical (as in DDP) and
/// parameters never travel on the step path.
/// </summary>
[Alias("minimax.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Loads the data from <paramref name="tenant"/>'s data roots, keeps shard <paramref name="shard"/> of
    /// <paramref name="shardCount"/>, builds the seeded model and optimizer.
    /// </summary>
    [Alias("Initialize")] Task<ShardInfo> InitializeAsync(RunSpec spec, string tenant, int shard, int shardCount);

    /// <summary>Phase 1: forward pass on the given shard-local rows; keeps the graph for phase 3.</summary>
    [Alias("Forward")] Task<GroupLossStatistics> ForwardAsync(int[] localRows);

    /// <summary>
    /// Phase 3: back-propagates sum_i coefficient[g_i] * loss_i. Returns the gradient when
    /// <paramref name="returnGradient"/> (several workers), else keeps it for <see cref="StepAsync"/>.
    /// </summary>
    [Alias("Backward")] Task<FlatTensor?> BackwardAsync(double[] groupCoefficients, bool returnGradient);

    /// <summary>
    /// Phase 4: optimizer step number <paramref name="step"/> (1-based, for the learning-rate warmup)
    /// with the summed gradient, or the local one when null. False, and no step taken, when the gradient
    /// is not finite (the run has diverged; the parameters stay as they were).
    /// </summary>
    [Alias("Step")] Task<bool> StepAsync(FlatTensor? summedGradient, int step);

    /// <summary>Per-group counts of this shard of a split under the current parameters.</summary>
    [Alias("Evaluate")] Task<GroupTallyRecord> EvaluateAsync(EvaluationSplit split);

    [Alias("GetParameters")] Task<FlatTensor> GetParametersAsync();

    /// <summary>Replaces the parameters (the selected model before the final test evaluation).</summary>
    [Alias("LoadParameters")] Task LoadParametersAsync(FlatTensor parameters);

    /// <summary>Parameters and optimizer state, for a checkpoint.</summary>
    [Alias("Save")] Task<ReplicaState> SaveAsync();

    /// <summary>Continues from a checkpoint's parameters and optimizer state.</summary>
    [Alias("Restore")] Task RestoreAsync(ReplicaState state);

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
    [property: Id(7)] int ParameterCount,
    [property: Id(8)] string Silo,
    [property: Id(9)] IReadOnlyList<string>? GroupNames = null,
    [property: Id(10)] long[]? TrainTokenCounts = null);

/// <summary>
/// Per-group loss sums and counts (examples, or tokens for a language model) of one worker's minibatch, and
/// for DoReMi the sums of per-token clipped excess losses (sums, not means: ALGORITHMS.md rule 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.GroupLossStatistics")]
public sealed record GroupLossStatistics(
    [property: Id(0)] double[] LossSums,
    [property: Id(1)] long[] Counts,
    [property: Id(2)] double[]? ExcessSums = null);

/// <summary>Per-group (count, correct, loss sum) of an evaluation shard.</summary>
[GenerateSerializer, Immutable, Alias("minimax.GroupTallyRecord")]
public sealed record GroupTallyRecord(
    [property: Id(0)] long[] Counts,
    [property: Id(1)] long[] Correct,
    [property: Id(2)] double[] LossSums);
