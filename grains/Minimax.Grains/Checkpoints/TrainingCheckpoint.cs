using Minimax.Contracts.Grains;

namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Everything a run needs to continue exactly where it was (ARCHITECTURE.md) beside the parts streamed on
/// their own (<see cref="CheckpointNames.ReplicaOf"/>: the replica's parameters and optimizer state;
/// <see cref="CheckpointNames.BestParametersOf"/>: the selected parameters): the weight rule's state, the
/// sampler (RNG state and data cursor), model selection and timing. Written last, with the Orleans serializer
/// (version tolerant by [Id]; id 1 held the replica inline before it was streamed).
/// </summary>
[GenerateSerializer, Alias("minimax.TrainingCheckpoint")]
public sealed class TrainingCheckpoint
{
    [Id(0)] public int Step { get; set; }
    [Id(2)] public required double[] RuleState { get; set; }
    [Id(3)] public required SamplerCursor Sampler { get; set; }
    [Id(4)] public int? BestStep { get; set; }
    /// <summary>Null: the selected parameters are in <see cref="CheckpointNames.BestParametersOf"/>.</summary>
    [Id(5)] public FlatTensor? BestParameters { get; set; }
    [Id(6)] public SplitMetricsRecord? BestVal { get; set; }
    [Id(7)] public SplitMetricsRecord? LatestVal { get; set; }
    /// <summary>Step times, at most <see cref="Training.StepTimes.Capacity"/> of them (a sample once more steps were timed).</summary>
    [Id(8)] public double[] StepSeconds { get; set; } = [];
    /// <summary>Steps timed in all; 0 in checkpoints written before the sample was bounded, whose StepSeconds hold every step.</summary>
    [Id(9)] public long StepsTimed { get; set; }
    /// <summary>The gradient exchange's critical path per step, sampled as the step times are (empty with one worker).</summary>
    [Id(10)] public double[] ExchangeSeconds { get; set; } = [];
    [Id(11)] public long ExchangesTimed { get; set; }
    /// <summary>Gradient bytes one worker sends per step (0 with one worker).</summary>
    [Id(12)] public long GradientBytesPerStep { get; set; }
    /// <summary>The coordinator's own time per step (<see cref="Training.CoordinatorClock"/>), sampled as the step times are; empty in older checkpoints.</summary>
    [Id(13)] public double[] CoordinatorSeconds { get; set; } = [];
    [Id(14)] public long CoordinatorStepsTimed { get; set; }
}
