namespace Minimax.Engine.Evaluation;

/// <summary>The persona-bias relative drop versus a base (ALGORITHMS.md §6c.2, test vector EVAL-3).</summary>
public static class RelativeDrop
{
    /// <summary>100·(base − accuracy)/base, in percent of the base accuracy; null when the base accuracy is 0.</summary>
    public static double? Percent(double baseAccuracy, double accuracy) =>
        baseAccuracy == 0 ? null : 100 * (baseAccuracy - accuracy) / baseAccuracy;
}
