namespace Minimax.Engine.Objectives;

/// <summary>
/// How a method turns one minibatch's per-group loss sums into per-example loss coefficients.
/// The coordinator owns the rule (ALGORITHMS.md §0 rule 2); workers only apply the coefficients.
/// </summary>
public interface IGroupWeightRule
{
    /// <summary>The current group weights (q for Group DRO, batch proportions for ERM).</summary>
    double[] Weights { get; }

    /// <summary>
    /// Takes the global (merged over workers) per-group loss sums and counts of the current minibatch,
    /// updates the rule's state and returns c_g such that the loss to back-propagate is Σ_i c_{g_i}·ℓ_i.
    /// </summary>
    double[] LossCoefficients(double[] groupLossSums, long[] groupCounts);

    /// <summary>The same from the merged batch statistics; rules that need more than sums and counts (DoReMi) override it.</summary>
    double[] LossCoefficients(BatchStatistics statistics) => LossCoefficients(statistics.LossSums, statistics.Counts);

    /// <summary>The weights a finished run reports: the current ones, or DoReMi's average over all steps.</summary>
    double[] ReportedWeights => Weights;

    double[] GetState();

    void RestoreState(double[] state);
}
