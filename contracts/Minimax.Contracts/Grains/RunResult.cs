namespace Minimax.Contracts.Grains;

/// <summary>
/// The outcome of a finished training loop, reported by the coordinator to the run. Language-model runs
/// add their domain names and the domain mixture their batches were drawn from. With several workers,
/// <see cref="MedianExchangeSeconds"/> is the median over steps of the gradient exchange's critical path (the quickest worker's exchange: it finished its backward pass last and waited least) and
/// <see cref="GradientBytesPerStep"/> the gradient bytes one worker sends per step; <see cref="IntraOpThreads"/>
/// is the intra-op threads worker 0 computed with at the end. <see cref="MedianCoordinatorSeconds"/> is the median over steps of
/// the coordinator's own time per step, every wait on workers and other grains excluded.
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
    [property: Id(8)] IReadOnlyList<double>? SamplingWeights = null,
    [property: Id(9)] double MedianExchangeSeconds = 0,
    [property: Id(10)] long GradientBytesPerStep = 0,
    [property: Id(11)] int IntraOpThreads = 0,
    [property: Id(12)] double MedianCoordinatorSeconds = 0);
