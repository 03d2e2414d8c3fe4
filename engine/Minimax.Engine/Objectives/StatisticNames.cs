namespace Minimax.Engine.Objectives;

/// <summary>
/// Names of the per-group sums a worker can report beside its loss sums and counts
/// (<see cref="BatchStatistics.ExtraSums"/>); an objective names the ones its rule reads.
/// </summary>
public static class StatisticNames
{
    /// <summary>Σ over a domain's tokens of max(ℓ_model − ℓ_ref, 0), clipped per token (ALGORITHMS.md §2c step 2, §2g).</summary>
    public const string ClippedExcess = "clipped_excess";
}
