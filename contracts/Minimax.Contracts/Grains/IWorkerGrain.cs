using Minimax.Contracts.Specs;
using Orleans.Concurrency;

namespace Minimax.Contracts.Grains;

/// <summary>
/// A model replica, its optimizer and one data shard. Key: "{runId}/g{generation}/{shard}". Every worker applies
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
    /// Phases 3 and 4 of step <paramref name="step"/> (1-based): back-propagates sum_i coefficient[g_i] * loss_i,
    /// sums the gradient with the other workers' (a reduce-scatter then an all-gather among the workers through
    /// <see cref="ReduceSliceAsync"/> and <see cref="GatherSliceAsync"/>, so the coordinator never carries it),
    /// clips the sum to training.max_grad_norm when set, and takes the optimizer step at
    /// <paramref name="learningRate"/> (the coordinator's schedule). Not stepped, and the parameters as they
    /// were, when the summed gradient is not finite (the run has diverged): every worker sums the same bytes, so
    /// all of them step or none does.
    /// </summary>
    [Alias("BackwardAndStep")] Task<StepOutcome> BackwardAndStepAsync(double[] groupCoefficients, int step, double learningRate);

    /// <summary>Reduce-scatter: a peer's gradient values for a slice of the chunk this worker sums.</summary>
    [AlwaysInterleave, Alias("ReduceSlice")] Task ReduceSliceAsync(GradientSlice slice);

    /// <summary>All-gather: the summed gradient of a slice of another worker's chunk.</summary>
    [AlwaysInterleave, Alias("GatherSlice")] Task GatherSliceAsync(GradientSlice slice);

    /// <summary>Per-group counts of this shard of a split under the current parameters.</summary>
    [Alias("Evaluate")] Task<GroupTallyRecord> EvaluateAsync(EvaluationSplit split);

    [Alias("GetParameters")] Task<FlatTensor> GetParametersAsync();

    /// <summary>Replaces the parameters (the selected model before the final test evaluation).</summary>
    [Alias("LoadParameters")] Task LoadParametersAsync(FlatTensor parameters);

    /// <summary>
    /// Streams the parameters and optimizer state to the checkpoint store as <paramref name="checkpoint"/>
    /// (complete once this returns), so they never travel through a grain call or lie whole in memory;
    /// false, writing nothing, when a parameter is not finite.
    /// </summary>
    [Alias("SaveReplica")] Task<bool> SaveAsync(string checkpoint);

    /// <summary>Continues from the parameters and optimizer state <see cref="SaveAsync"/> stored as <paramref name="checkpoint"/>.</summary>
    [Alias("RestoreReplica")] Task RestoreAsync(string checkpoint);

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

/// <summary>
/// Part of one step's gradient exchange: <see cref="Values"/> start at flat index <see cref="Offset"/> of the
/// gradient; <see cref="From"/> is the sending shard. Slices stay below Orleans' message size limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.GradientSlice")]
public sealed record GradientSlice(
    [property: Id(0)] int Step,
    [property: Id(1)] int From,
    [property: Id(2)] int Offset,
    [property: Id(3)] FlatTensor Values);

/// <summary>
/// A worker's phases 3 and 4: whether it stepped, how long its gradient exchange took (0 with one worker),
/// the gradient bytes it sent, and the intra-op threads it computed with.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.StepOutcome")]
public sealed record StepOutcome(
    [property: Id(0)] bool Stepped,
    [property: Id(1)] double ExchangeSeconds,
    [property: Id(2)] long BytesSent,
    [property: Id(3)] int IntraOpThreads);

/// <summary>Per-group (count, correct, loss sum) of an evaluation shard.</summary>
[GenerateSerializer, Immutable, Alias("minimax.GroupTallyRecord")]
public sealed record GroupTallyRecord(
    [property: Id(0)] long[] Counts,
    [property: Id(1)] long[] Correct,
    [property: Id(2)] double[] LossSums);
