namespace Minimax.Engine.Evaluation;

/// <summary>A closed interval [<see cref="Low"/>, <see cref="High"/>], e.g. a confidence interval for an accuracy.</summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>
    /// True when the two intervals share at least one point. Non-overlapping Wilson intervals are the v1
    /// persona-bias significance rule (ALGORITHMS.md §6c.3).
    /// </summary>
    public bool Overlaps(Interval other) => Low <= other.High && other.Low <= High;
}
