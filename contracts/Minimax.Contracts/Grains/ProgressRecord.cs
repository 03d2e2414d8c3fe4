using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Contracts.Grains;

/// <summary>
/// What a user sees of one training step. <see cref="Warnings"/> are the run's, never stored with a step: the
/// first event a new watcher gets carries them, so that a client shows them as soon as training starts.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.ProgressRecord")]
public sealed record ProgressRecord(
    [property: Id(0)] int Step,
    [property: Id(1)] int TotalSteps,
    [property: Id(2)] double Epoch,
    [property: Id(3)] double TrainLoss,
    [property: Id(4)] IReadOnlyList<double> GroupTrainLoss,
    [property: Id(5)] IReadOnlyList<double> GroupWeights,
    [property: Id(6)] SplitMetricsRecord? Val,
    [property: Id(7)] double StepSeconds,
    [property: Id(8)] IReadOnlyList<string>? Warnings = null) : JobDetail;
