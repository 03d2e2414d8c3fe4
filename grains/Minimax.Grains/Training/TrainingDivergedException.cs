namespace Minimax.Grains.Training;

/// <summary>A run's loss, group weights, gradient or parameters stopped being finite: it fails, its last checkpoint kept.</summary>
public sealed class TrainingDivergedException(int step, string what)
    : Exception($"diverged at step {step}: the {what} is not finite (lower optimizer.lr, or set data.standardize for large feature values)")
{
    public int Step => step;
}
