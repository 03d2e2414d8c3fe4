namespace Minimax.Grains.Telemetry;

/// <summary>Telemetry:StepTraceEvery: of a run's steps, steps 1, N + 1, 2N + 1, ... are traced; 0 traces none.</summary>
public sealed class StepTracingOptions
{
    public const int DefaultStepTraceEvery = 100;

    public int StepTraceEvery { get; set; } = DefaultStepTraceEvery;
}
