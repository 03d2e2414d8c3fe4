namespace Minimax.Contracts.Grains;

/// <summary>
/// The outcome of a finished training loop, reported by the coordinator to the run. Language-model runs
/// add their domain names and the domain mixture their batches were drawn from.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.RunResult")]
public sealed record RunResult(
    [property: Id(0)] int Steps,
    [property: Id(1)] int BestStep,
    [property: Id(2)] SplitMetricsRecord? Val,
    [property: Id(3)] SplitMetricsRecord? Test,
    [property: Id(4)] IReadOnlyList<double> GroupWeights,
    [property: Id(5)] IReadOnlyList<long> TrainGroupCounts,
    [property: Id(6)] double MedianStepSeconds,
    [property: Id(7)] IReadOnlyList<string>? GroupNames = null,
    [property: Id(8)] IReadOnlyList<double>? SamplingWeights = null);
