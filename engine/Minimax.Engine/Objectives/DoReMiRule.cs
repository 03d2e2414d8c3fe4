namespace Minimax.Engine.Objectives;

/// <summary>
/// DoReMi stage 2 on the coordinator (ALGORITHMS.md §2c): from the merged clipped-excess sums and token counts of
/// each global batch it forms λ_t, takes the smoothed exponentiated-gradient step to α_t, and returns coefficients for
/// the paper objective Σ_i α_t[i]·(mean token loss of domain i), i.e. c_d = α_t[d] / tokens_d.
/// </summary>
/// <remarks>
/// <see cref="AverageWeights"/> (and <see cref="ReportedWeights"/>) is the paper's average ᾱ = (1/T) Σ_{t=1..T} α_t,
/// which leaves out α_0. The reference trainer's buffer starts at α_0 with counter 1 and so averages T+1 vectors
/// (DRM-4); we follow the paper because α_0 is a starting guess, not a step's outcome. Before any step the reported
/// weights are α_0 (uniform).
/// </remarks>
public sealed class DoReMiRule : IGroupWeightRule
{
    private readonly int domains;
    private readonly double stepSize;
    private readonly double smoothing;
    private double[] alpha;
    private double[] lambda;
    private double[] alphaSum;
    private long steps;

    public DoReMiRule(int domains, int vocabularySize, double stepSize = 1.0, double smoothing = 1e-3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(domains);
        if (smoothing is < 0 or > 1 || double.IsNaN(smoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "The smoothing c must lie in [0, 1].");
        }

        this.domains = domains;
        this.stepSize = stepSize;
        this.smoothing = smoothing;
        alpha = Enumerable.Repeat(1.0 / domains, domains).ToArray();
        lambda = DoReMi.InitialLambda(domains, vocabularySize);
        alphaSum = new double[domains];
    }

    /// <summary>The current α_t (α_0 = uniform before the first step).</summary>
    public double[] Weights => (double[])alpha.Clone();

    /// <summary>The paper's ᾱ = (1/T) Σ_{t=1..T} α_t; α_0 before any step.</summary>
    public double[] AverageWeights => steps == 0 ? Weights : alphaSum.Select(s => s / steps).ToArray();

    /// <summary>What a finished DoReMi run ships: <see cref="AverageWeights"/>, not the noisy α_t (§2g).</summary>
    public double[] ReportedWeights => AverageWeights;

    /// <summary>The per-domain excess λ_t of the last step (log |V| for a domain never seen yet).</summary>
    public double[] Lambda => (double[])lambda.Clone();

    /// <summary>Steps T taken so far.</summary>
    public long Steps => steps;

    /// <summary>DoReMi needs per-token clipped excess sums, which plain loss sums and counts do not carry.</summary>
    public double[] LossCoefficients(double[] groupLossSums, long[] groupCounts) => throw MissingExcess();

    public double[] LossCoefficients(BatchStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var excessSums = statistics.ExtraSums?.GetValueOrDefault(StatisticNames.ClippedExcess) ?? throw MissingExcess();
        var tokenCounts = statistics.Counts;
        if (excessSums.Length != domains || tokenCounts.Length != domains)
        {
            throw new ArgumentException($"Expected {domains} excess sums and token counts, one per domain.", nameof(statistics));
        }

        lambda = DoReMi.DomainExcess(excessSums, tokenCounts, lambda);
        alpha = DoReMi.UpdateWeights(alpha, lambda, stepSize, smoothing);
        for (var d = 0; d < domains; d++)
        {
            alphaSum[d] += alpha[d];
        }

        steps++;
        var coefficients = new double[domains];
        for (var d = 0; d < domains; d++)
        {
            coefficients[d] = tokenCounts[d] > 0 ? alpha[d] / tokenCounts[d] : 0.0;
        }

        return coefficients;
    }

    /// <summary>[α (k), λ (k), Σ α_t (k), T]: everything needed to continue bit-identically.</summary>
    public double[] GetState() => [.. alpha, .. lambda, .. alphaSum, steps];

    public void RestoreState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != (3 * domains) + 1)
        {
            throw new ArgumentException($"Expected a state of {(3 * domains) + 1} values, not {state.Length}.", nameof(state));
        }

        var savedSteps = state[3 * domains];
        if (savedSteps < 0 || savedSteps != Math.Floor(savedSteps))
        {
            throw new ArgumentException($"The saved step count {savedSteps} is not a whole number.", nameof(state));
        }

        alpha = state[..domains];
        lambda = state[domains..(2 * domains)];
        alphaSum = state[(2 * domains)..(3 * domains)];
        steps = (long)savedSteps;
    }

    private static InvalidOperationException MissingExcess() =>
        new($"DoReMi needs the '{StatisticNames.ClippedExcess}' sums (per-domain sums of max(ℓ_proxy − ℓ_ref, 0) over tokens); "
            + "the batch statistics carry none. Report the reference model's token losses from the workers.");
}
