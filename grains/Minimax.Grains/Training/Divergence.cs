namespace Minimax.Grains.Training;

/// <summary>
/// Finiteness checks on what the step loop already holds: the merged per-group sums and the group
/// weights (a few numbers per step), the parameters only where they are read anyway (checkpoints, the end).
/// </summary>
public static class Divergence
{
    public static void Check(int step, string what, ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new TrainingDivergedException(step, what);
            }
        }
    }

    public static void Check(int step, string what, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new TrainingDivergedException(step, what);
            }
        }
    }
}
