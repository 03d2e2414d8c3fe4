using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

// Vectors from ALGORITHMS.md §2f (algorithms/reference_output.txt).
public sealed class DoReMiTests
{
    private const double Tolerance = 1e-8;
    private const int NeoXVocabulary = 50277;
    private static readonly double[] Uniform3 = [1 / 3.0, 1 / 3.0, 1 / 3.0];
    private static readonly double[][] Drm4Lambdas = [[0.1, 0.5, 0.0], [0.3, 0.1, 0.2], [0.0, 0.0, 0.6]];

    [Fact]
    public void Drm1_one_step_with_default_smoothing() =>
        AssertClose([0.29444560, 0.43909728, 0.26645712], DoReMi.UpdateWeights(Uniform3, [0.1, 0.5, 0.0], 1.0, 1e-3));

    [Fact]
    public void Drm2_one_step_with_the_training_args_smoothing() =>
        AssertClose([0.29441057, 0.43919256, 0.26639687], DoReMi.UpdateWeights(Uniform3, [0.1, 0.5, 0.0], 1.0, 1e-4));

    [Fact]
    public void Drm3_per_token_clipped_excess_and_an_absent_domain_keeps_log_vocabulary()
    {
        var previous = DoReMi.InitialLambda(3, NeoXVocabulary);
        Assert.All(previous, l => Assert.Equal(Math.Log(NeoXVocabulary), l, 1e-15));
        var lambda = DoReMi.PerTokenExcess([2, 3, 1, 4], [1.5, 3.5, 0.5, 1], [0, 0, 1, 1], [true, true, true, false], 3, previous);
        AssertClose([0.25, 0.5, 10.825303], lambda, 1e-6);
        Assert.Equal(Math.Log(NeoXVocabulary), lambda[2]);

        // Clipping the domain mean instead would give max((0.5 − 0.5)/2, 0) = 0 for domain 0 (§2g, issue #3).
        var (sums, counts) = DoReMi.ClippedExcessSums([2, 3, 1, 4], [1.5, 3.5, 0.5, 1], [0, 0, 1, 1], [true, true, true, false], 3);
        Assert.Equal([0.5, 0.5, 0.0], sums);
        Assert.Equal([2L, 1, 0], counts);
    }

    [Fact]
    public void Drm4_three_steps_paper_and_repo_averages()
    {
        var alpha = Uniform3;
        var sum = new double[3];
        var sequence = new List<double[]>();
        foreach (var lambda in Drm4Lambdas)
        {
            alpha = DoReMi.UpdateWeights(alpha, lambda, 1.0, 1e-3);
            sequence.Add(alpha);
        }

        AssertClose([0.26938367, 0.32876928, 0.40184705], alpha);
        var paper = Enumerable.Range(0, 3).Select(d => sequence.Average(a => a[d])).ToArray();
        var repo = Enumerable.Range(0, 3).Select(d => sequence.Prepend(Uniform3).Average(a => a[d])).ToArray();
        AssertClose([0.29760178, 0.38981840, 0.31257982], paper);
        AssertClose([0.30653467, 0.37569714, 0.31776820], repo);
    }

    [Fact]
    public void Drm4_through_the_rule_reports_the_paper_average()
    {
        var rule = new DoReMiRule(3, NeoXVocabulary);
        AssertClose(Uniform3, rule.ReportedWeights, 0);
        foreach (var lambda in Drm4Lambdas)
        {
            // One token per domain whose clipped excess is λ itself.
            rule.LossCoefficients(WithExcess(new double[3], [1, 1, 1], lambda));
        }

        Assert.Equal(3, rule.Steps);
        AssertClose([0.26938367, 0.32876928, 0.40184705], rule.Weights);
        AssertClose([0.29760178, 0.38981840, 0.31257982], rule.AverageWeights);
        AssertClose([0.29760178, 0.38981840, 0.31257982], ((IGroupWeightRule)rule).ReportedWeights);
        AssertClose([0.0, 0.0, 0.6], rule.Lambda, 0);
    }

    [Fact]
    public void Drm5_token_pooled_and_per_domain_mean_losses()
    {
        double[] losses = [2, 3, 1, 4];
        int[] domains = [0, 0, 1, 2];
        double[] alpha = [0.5, 0.3, 0.2];
        Assert.Equal(2.4, DoReMi.TokenPooledLoss(losses, domains, alpha, Uniform3), Tolerance);
        Assert.Equal(2.35, DoReMi.PerDomainMeanLoss(losses, domains, alpha), Tolerance);
    }

    [Fact]
    public void Zero_excess_leaves_alpha_unchanged()
    {
        double[] alpha = [0.2, 0.2, 0.2, 0.2, 0.2];
        AssertClose(alpha, DoReMi.UpdateWeights(alpha, new double[5], 1.0, 1e-3), 1e-12);
        double[] skewed = [0.1, 0.6, 0.3];
        AssertClose(skewed, DoReMi.UpdateWeights(skewed, new double[3], 1.0, 0.0), 1e-15);
    }

    [Fact]
    public void A_dominant_domain_leaves_the_others_at_the_smoothing_floor()
    {
        var alpha = DoReMi.UpdateWeights([0.5, 0.5], [50.0, 0.0], 1.0, 1e-3);
        Assert.Equal(0.5e-3, alpha[1], 1e-6);
        Assert.True(alpha[1] >= 0.5e-3);
    }

    [Fact]
    public void Alpha_stays_on_the_simplex_above_the_floor_over_many_random_steps()
    {
        const int k = 6;
        const double smoothing = 1e-3;
        var random = new Random(5);
        var alpha = Enumerable.Repeat(1.0 / k, k).ToArray();
        for (var step = 0; step < 2000; step++)
        {
            var lambda = Enumerable.Range(0, k).Select(_ => random.NextDouble() * 3).ToArray();
            if (step % 3 == 0)
            {
                lambda[2] = 40 + random.NextDouble() * 10; // a dominant domain
            }

            alpha = DoReMi.UpdateWeights(alpha, lambda, 1.0, smoothing);
            Assert.Equal(1.0, alpha.Sum(), 1e-12);
            Assert.All(alpha, a => Assert.True(a >= smoothing / k * (1 - 1e-12), $"{a} fell below c/k"));
        }
    }

    [Fact]
    public void Rule_coefficients_back_propagate_the_paper_objective()
    {
        var rule = new DoReMiRule(3, NeoXVocabulary);
        double[] losses = [2, 3, 1, 4, 2.5];
        int[] domains = [0, 0, 1, 1, 0];
        double[] reference = [1.5, 3.5, 0.5, 1, 2];
        var (excess, counts) = DoReMi.ClippedExcessSums(losses, reference, domains, [true, true, true, true, true], 3);
        var lossSums = new double[3];
        for (var t = 0; t < losses.Length; t++)
        {
            lossSums[domains[t]] += losses[t];
        }

        var coefficients = rule.LossCoefficients(WithExcess(lossSums, counts, excess));

        Assert.Equal(0.0, coefficients[2]);
        Assert.Equal(Math.Log(NeoXVocabulary), rule.Lambda[2]);
        var backpropagated = losses.Select((l, t) => coefficients[domains[t]] * l).Sum();
        Assert.Equal(DoReMi.PerDomainMeanLoss(losses, domains, rule.Weights), backpropagated, 1e-12);
        AssertClose(DoReMi.UpdateWeights(Uniform3, DoReMi.PerTokenExcess(losses, reference, domains, [true, true, true, true, true], 3, DoReMi.InitialLambda(3, NeoXVocabulary)), 1.0, 1e-3), rule.Weights, 0);
    }

    [Fact]
    public void Merging_two_workers_sums_gives_exactly_the_single_worker_weights()
    {
        double[] proxy = [2, 3, 1, 4, 0.5, 2.2], reference = [1.5, 3.5, 0.5, 1, 0.1, 2.0];
        int[] domains = [0, 2, 1, 1, 0, 2];
        bool[] mask = [true, true, true, false, true, true];
        var single = new DoReMiRule(3, NeoXVocabulary);
        var (sums, counts) = DoReMi.ClippedExcessSums(proxy, reference, domains, mask, 3);
        single.LossCoefficients(WithExcess(new double[3], counts, sums));

        var (sumsA, countsA) = DoReMi.ClippedExcessSums(proxy[..3], reference[..3], domains[..3], mask[..3], 3);
        var (sumsB, countsB) = DoReMi.ClippedExcessSums(proxy[3..], reference[3..], domains[3..], mask[3..], 3);
        var merged = new DoReMiRule(3, NeoXVocabulary);
        merged.LossCoefficients(WithExcess(
            new double[3],
            countsA.Zip(countsB, (a, b) => a + b).ToArray(),
            sumsA.Zip(sumsB, (a, b) => a + b).ToArray()));

        Assert.Equal(single.Weights, merged.Weights);
        Assert.Equal(single.Lambda, merged.Lambda);
    }

    [Fact]
    public void Restored_state_continues_bit_identically()
    {
        var rule = new DoReMiRule(3, NeoXVocabulary, stepSize: 0.7, smoothing: 1e-4);
        rule.LossCoefficients(Batch([0.4, 0.0, 0.0], [4, 0, 0]));
        rule.LossCoefficients(Batch([0.3, 1.2, 0.0], [2, 3, 0]));
        var restored = new DoReMiRule(3, NeoXVocabulary, stepSize: 0.7, smoothing: 1e-4);
        restored.RestoreState(rule.GetState());
        Assert.Equal(rule.GetState(), restored.GetState());

        var more = new[] { Batch([0.1, 0.2, 0.9], [1, 2, 3]), Batch([0.0, 0.5, 0.0], [0, 5, 0]) };
        foreach (var batch in more)
        {
            Assert.Equal(rule.LossCoefficients(batch), restored.LossCoefficients(batch));
        }

        Assert.Equal(4, restored.Steps);
        Assert.Equal(rule.Weights, restored.Weights);
        Assert.Equal(rule.AverageWeights, restored.AverageWeights);
        Assert.Equal(rule.Lambda, restored.Lambda);
        Assert.Equal(rule.GetState(), restored.GetState());
    }

    [Fact]
    public void Missing_excess_sums_throw_a_clear_error()
    {
        IGroupWeightRule rule = new DoReMiRule(3, NeoXVocabulary);
        var error = Assert.Throws<InvalidOperationException>(() => rule.LossCoefficients(new BatchStatistics([1, 2, 3], [1, 1, 1])));
        Assert.Contains(StatisticNames.ClippedExcess, error.Message);
        Assert.Throws<InvalidOperationException>(() => rule.LossCoefficients([1, 2, 3], [1, 1, 1]));
        Assert.Equal(0, ((DoReMiRule)rule).Steps);
    }

    private static BatchStatistics Batch(double[] excessSums, long[] tokens) => WithExcess(new double[excessSums.Length], tokens, excessSums);

    private static BatchStatistics WithExcess(double[] lossSums, long[] counts, double[] excessSums) =>
        new(lossSums, counts, new Dictionary<string, double[]> { [StatisticNames.ClippedExcess] = excessSums });

    private static void AssertClose(double[] expected, double[] actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
    }
}
