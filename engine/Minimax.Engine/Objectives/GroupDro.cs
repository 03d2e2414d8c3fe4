namespace Minimax.Engine.Objectives;

/// <summary>
/// Group DRO's exponentiated-gradient step on the simplex (Sagawa et al. 2020, Alg. 1; reference
/// <c>loss.py: compute_robust_loss</c>), kept in float64 and in log space (ALGORITHMS.md §0 rule 3).
/// </summary>
public static class GroupDro
{
    /// <summary>
    /// One step with the same losses driving the update and the robust loss:
    /// q'_g ∝ q_g·exp(η·L_g), R = Σ_g q'_g·L_g with the updated q.
    /// </summary>
    public static (double[] Q, double RobustLoss) Step(double[] q, double[] groupLosses, double stepSize)
    {
        var updated = UpdateWeights(q, groupLosses, stepSize);
        return (updated, RobustLoss(updated, groupLosses));
    }

    /// <summary>q'_g = exp(log q_g + η·a_g − logsumexp_h(log q_h + η·a_h)); a is treated as a constant.</summary>
    public static double[] UpdateWeights(double[] q, double[] adjustedLosses, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(adjustedLosses);
        if (q.Length != adjustedLosses.Length)
        {
            throw new ArgumentException($"q has {q.Length} groups but the losses have {adjustedLosses.Length}.", nameof(adjustedLosses));
        }

        var logits = new double[q.Length];
        var max = double.NegativeInfinity;
        for (var g = 0; g < q.Length; g++)
        {
            logits[g] = Math.Log(q[g]) + stepSize * adjustedLosses[g];
            max = Math.Max(max, logits[g]);
        }

        var sum = 0.0;
        for (var g = 0; g < q.Length; g++)
        {
            sum += Math.Exp(logits[g] - max);
        }

        var logZ = max + Math.Log(sum);
        var updated = new double[q.Length];
        for (var g = 0; g < q.Length; g++)
        {
            updated[g] = Math.Exp(logits[g] - logZ);
        }

        return updated;
    }

    /// <summary>R = Σ_g q_g·L_g.</summary>
    public static double RobustLoss(double[] q, double[] groupLosses)
    {
        var r = 0.0;
        for (var g = 0; g < q.Length; g++)
        {
            r += q[g] * groupLosses[g];
        }

        return r;
    }

    /// <summary>
    /// a_g = L_g + C_g/√n_g (ALGORITHMS.md 1c step 4), into a fresh array so the unadjusted losses
    /// survive (the reference's in-place aliasing, §1g). <paramref name="adjustment"/> holds one value
    /// for every group or one per group; empty means none.
    /// </summary>
    public static double[] AdjustedLosses(
        double[] groupLosses,
        IReadOnlyList<double> adjustment,
        long[] trainCounts,
        bool normalize,
        bool referenceGate = false)
    {
        ArgumentNullException.ThrowIfNull(groupLosses);
        ArgumentNullException.ThrowIfNull(adjustment);
        var groups = groupLosses.Length;
        var adjusted = (double[])groupLosses.Clone();
        if (adjustment.Count > 0)
        {
            if (adjustment.Count != 1 && adjustment.Count != groups)
            {
                throw new ArgumentException($"The adjustment needs 1 or {groups} values, not {adjustment.Count}.", nameof(adjustment));
            }

            ArgumentNullException.ThrowIfNull(trainCounts);
            if (trainCounts.Length != groups)
            {
                throw new ArgumentException($"Expected {groups} training counts, not {trainCounts.Length}.", nameof(trainCounts));
            }

            // GDRO-7c: the reference adds C/√n only when every C_g > 0.
            var apply = !referenceGate || Enumerable.Range(0, groups).All(g => AdjustmentOf(adjustment, g) > 0);
            if (apply)
            {
                for (var g = 0; g < groups; g++)
                {
                    // A group with no training examples never reaches a batch; skipping it avoids C/0.
                    if (trainCounts[g] > 0)
                    {
                        adjusted[g] += AdjustmentOf(adjustment, g) / Math.Sqrt(trainCounts[g]);
                    }
                }
            }
        }

        if (normalize)
        {
            var sum = adjusted.Sum();
            if (sum != 0)
            {
                for (var g = 0; g < groups; g++)
                {
                    adjusted[g] /= sum;
                }
            }
        }

        return adjusted;
    }

    /// <summary>L_g = Σ loss / b_g, with 0 for a group absent from the batch (reference divides by max(b_g, 1)).</summary>
    public static double[] GroupMeans(double[] lossSums, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(lossSums);
        ArgumentNullException.ThrowIfNull(counts);
        var means = new double[lossSums.Length];
        for (var g = 0; g < means.Length; g++)
        {
            means[g] = counts[g] > 0 ? lossSums[g] / counts[g] : 0.0;
        }

        return means;
    }

    private static double AdjustmentOf(IReadOnlyList<double> adjustment, int group) =>
        adjustment.Count == 1 ? adjustment[0] : adjustment[group];
}
