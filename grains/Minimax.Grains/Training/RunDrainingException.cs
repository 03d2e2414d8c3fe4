namespace Minimax.Grains.Training;

/// <summary>The session stopped at a step boundary for a drain, after checkpointing step <see cref="Step"/>.</summary>
public sealed class RunDrainingException(int step) : Exception($"the run checkpointed at step {step} for a drain")
{
    public int Step { get; } = step;
}
