namespace Minimax.Engine.Objectives;

/// <summary>
/// DoReMi's domain-weight step (Xie et al. 2023, Alg. 1; reference <c>doremi/trainer.py: update_domain_weights</c>),
/// in float64 and log space (ALGORITHMS.md §0 rule 3, §2c).
/// </summary>
public static class DoReMi
{
    /// <summary>λ_0[i] = log |V|, the reference's initial per-domain score.</summary>
    public static double[] InitialLambda(int domains, int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(domains);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        return Enumerable.Repeat(Math.Log(vocabularySize), domains).ToArray();
    }

    /// <summary>
    /// Per-domain sums of clipped excess max(ℓ_proxy − ℓ_ref, 0) and token counts over the unmasked tokens.
    /// The clipping is per token, before any mean (§2g, doremi issue #3). This is what a worker reports.
    /// </summary>
    public static (double[] ExcessSums, long[] TokenCounts) ClippedExcessSums(
        double[] proxyLosses, double[] referenceLosses, int[] domains, bool[] mask, int domainCount)
    {
        ArgumentNullException.ThrowIfNull(proxyLosses);
        ArgumentNullException.ThrowIfNull(referenceLosses);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(domainCount);
        var tokens = proxyLosses.Length;
        if (referenceLosses.Length != tokens || domains.Length != tokens || mask.Length != tokens)
        {
            throw new ArgumentException($"Expected {tokens} reference losses, domains and mask entries, one per token.", nameof(referenceLosses));
        }

        var sums = new double[domainCount];
        var counts = new long[domainCount];
        for (var j = 0; j < tokens; j++)
        {
            if (!mask[j])
            {
                continue;
            }

            var d = domains[j];
            if ((uint)d >= (uint)domainCount)
            {
                throw new ArgumentOutOfRangeException(nameof(domains), $"Token {j} has domain {d}, outside 0..{domainCount - 1}.");
            }

            sums[d] += Math.Max(proxyLosses[j] - referenceLosses[j], 0.0);
            counts[d]++;
        }

        return (sums, counts);
    }

    /// <summary>
    /// λ_t[i] = excessSums[i] / tokenCounts[i]; a domain with no tokens in the (global) batch keeps its previous λ.
    /// The sums are merged over workers before this division (§0 rule 1).
    /// </summary>
    public static double[] DomainExcess(double[] excessSums, long[] tokenCounts, double[] previousLambda)
    {
        ArgumentNullException.ThrowIfNull(excessSums);
        ArgumentNullException.ThrowIfNull(tokenCounts);
        ArgumentNullException.ThrowIfNull(previousLambda);
        var k = previousLambda.Length;
        if (excessSums.Length != k || tokenCounts.Length != k)
        {
            throw new ArgumentException($"Expected {k} excess sums and token counts, one per domain.", nameof(excessSums));
        }

        var lambda = new double[k];
        for (var i = 0; i < k; i++)
        {
            lambda[i] = tokenCounts[i] > 0 ? excessSums[i] / tokenCounts[i] : previousLambda[i];
        }

        return lambda;
    }

    /// <summary>The DRM-3 vector in one call: <see cref="ClippedExcessSums"/> then <see cref="DomainExcess"/>.</summary>
    public static double[] PerTokenExcess(
        double[] proxyLosses, double[] referenceLosses, int[] domains, bool[] mask, int domainCount, double[] previousLambda)
    {
        var (sums, counts) = ClippedExcessSums(proxyLosses, referenceLosses, domains, mask, domainCount);
        return DomainExcess(sums, counts, previousLambda);
    }

    /// <summary>α'_t = softmax(log α_{t−1} + η·λ_t), then α_t = (1 − c)·α'_t + c/k (§2c steps 3-4).</summary>
    public static double[] UpdateWeights(double[] alpha, double[] lambda, double stepSize, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (smoothing is < 0 or > 1 || double.IsNaN(smoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "The smoothing c must lie in [0, 1].");
        }

        var updated = GroupDro.UpdateWeights(alpha, lambda, stepSize);
        var floor = smoothing / alpha.Length;
        for (var i = 0; i < updated.Length; i++)
        {
            updated[i] = (1 - smoothing) * updated[i] + floor;
        }

        return updated;
    }

    /// <summary>
    /// The reference code's proxy loss (§2c step 6, DRM-5): token weight w_d = (α_d/s_d) / Σ_j (α_j/s_j),
    /// loss = Σ_t w_{d(t)}·ℓ_t / Σ_t w_{d(t)}, pooled over tokens rather than averaged per domain.
    /// </summary>
    public static double TokenPooledLoss(double[] losses, int[] domains, double[] alpha, double[] samplingWeights)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(samplingWeights);
        if (samplingWeights.Length != alpha.Length || domains.Length != losses.Length)
        {
            throw new ArgumentException("Expected one sampling weight per domain and one domain per token.", nameof(samplingWeights));
        }

        var raw = alpha.Select((a, d) => a / samplingWeights[d]).ToArray();
        var total = raw.Sum();
        double weighted = 0, normaliser = 0;
        for (var t = 0; t < losses.Length; t++)
        {
            var w = raw[domains[t]] / total;
            weighted += w * losses[t];
            normaliser += w;
        }

        // The reference clamps the normaliser at 1e-10.
        return weighted / Math.Max(normaliser, 1e-10);
    }

    /// <summary>
    /// The paper's proxy objective (§2c step 6, DRM-5), without the constant reference term:
    /// Σ_i α_i · (mean token loss of domain i in the batch), an absent domain contributing 0.
    /// </summary>
    public static double PerDomainMeanLoss(double[] losses, int[] domains, double[] alpha)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(alpha);
        if (domains.Length != losses.Length)
        {
            throw new ArgumentException("Expected one domain per token.", nameof(domains));
        }

        var sums = new double[alpha.Length];
        var counts = new long[alpha.Length];
        for (var t = 0; t < losses.Length; t++)
        {
            sums[domains[t]] += losses[t];
            counts[domains[t]]++;
        }

        return GroupDro.RobustLoss(alpha, GroupDro.GroupMeans(sums, counts));
    }
}
