namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.TrainingSpec")]
public sealed record TrainingSpec
{
    [Id(0)] public int Workers { get; init; } = 1;
    /// <summary>Epochs to train; ignored when <see cref="Steps"/> is set.</summary>
    [Id(1)] public int? Epochs { get; init; }
    [Id(2)] public int? Steps { get; init; }
    [Id(3)] public int BatchSize { get; init; } = 128;
    [Id(4)] public required OptimizerSpec Optimizer { get; init; }
    [Id(5)] public int EvalEvery { get; init; } = 50;
    [Id(6)] public SelectBy SelectBy { get; init; } = SelectBy.ValWorstGroupAccuracy;
    /// <summary>Steps between checkpoints (parameters, optimizer state, group weights, sampler); a crash replays at most this many.</summary>
    [Id(7)] public int CheckpointEvery { get; init; } = 100;
    /// <summary>The learning rate after the warm-up, a function of the step alone so that a resumed run steps as an uninterrupted one.</summary>
    [Id(8)] public LrScheduleSpec LrSchedule { get; init; } = new();
    /// <summary>The largest total L2 norm of the summed gradient before the optimizer step; null for no clipping.</summary>
    [Id(9)] public double? MaxGradNorm { get; init; }
    /// <summary>Where the workers keep the model, its optimizer state and their batches; checkpoints are device-free.</summary>
    [Id(10)] public DeviceSpec Device { get; init; } = DeviceSpec.Auto;
}

public enum SelectBy { ValWorstGroupAccuracy, ValAverageAccuracy, Final }
