using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

// The reference loss.py with --robust --btl: update_exp_avg_loss, then compute_robust_loss_btl (ALGORITHMS.md 1c, GDRO-7 and -8).
public sealed class GreedyBtlRuleTests
{
    private static readonly long[] WaterbirdsCounts = [3498, 184, 56, 1057];
    private static readonly double[] Losses = [0.3, 0.6, 1.2, 2.0];

    [Fact]
    public void Gdro7_the_first_batch_sets_the_average_so_its_losses_order_the_groups()
    {
        var narrow = new GreedyBtlRule(4, [0.0], WaterbirdsCounts, alpha: 0.2, gamma: 0.1);
        var wide = new GreedyBtlRule(4, [0.0], WaterbirdsCounts, alpha: 0.25, gamma: 0.1);
        AssertClose([0.25, 0.25, 0.25, 0.25], narrow.Weights);

        narrow.LossCoefficients(Losses, [1, 1, 1, 1]);
        wide.LossCoefficients(Losses, [1, 1, 1, 1]);

        AssertClose([0, 0, 0, 1], narrow.Weights);
        AssertClose([0, 0.07153285, 0.04671533, 0.88175182], wide.Weights);
        AssertClose(Losses, narrow.AverageLosses);
    }

    [Fact]
    public void Gdro8_the_weights_follow_the_average_not_the_last_batch()
    {
        var rule = new GreedyBtlRule(4, [0.0], WaterbirdsCounts, alpha: 0.2, gamma: 0.1);
        rule.LossCoefficients([3.0, 2.0, 0.0, 8.0], [3, 1, 0, 2]);
        var coefficients = rule.LossCoefficients([2.0, 2.0, 10.0, 0.0], [1, 1, 2, 0]);

        AssertClose([1.1, 2.0, 5.0, 4.0], rule.AverageLosses);
        // By hand: groups in order 2 (E 5.0), 3 (4.0), 1, 0; group 2 fits in alpha with 56/4795, so
        // w_2 = (56/4795)/0.2, group 3 takes the rest, the others 0.
        var w2 = 56.0 / 4795 / 0.2;
        AssertClose([0, 0, w2, 1 - w2], rule.Weights);
        // Group 3 is absent from the batch: its weight multiplies a zero loss, so its coefficient is 0.
        AssertClose([0, 0, w2 / 2, 0], coefficients);
    }

    [Fact]
    public void Coefficients_back_propagate_the_reference_robust_loss()
    {
        var rule = new GreedyBtlRule(4, [0.0], WaterbirdsCounts, alpha: 0.25, gamma: 0.1);
        double[] losses = [0.2, 0.4, 1.0, 3.0, 0.5, 0.7, 1.4];
        int[] groups = [0, 0, 1, 3, 0, 1, 2];
        var sums = new double[4];
        var counts = new long[4];
        for (var i = 0; i < losses.Length; i++)
        {
            sums[groups[i]] += losses[i];
            counts[groups[i]]++;
        }

        var coefficients = rule.LossCoefficients(sums, counts);

        // robust_loss = sorted_loss @ weights over the batch's group means.
        var robust = GroupDro.RobustLoss(rule.Weights, GroupDro.GroupMeans(sums, counts));
        Assert.Equal(robust, losses.Select((l, i) => coefficients[groups[i]] * l).Sum(), 12);
        Assert.Equal(1.0, rule.Weights.Sum(), 12);
    }

    [Fact]
    public void Gamma_decides_which_batch_the_order_follows()
    {
        var slow = new GreedyBtlRule(2, [0.0], [10, 10], alpha: 0.5, gamma: 0.1);
        var fast = new GreedyBtlRule(2, [0.0], [10, 10], alpha: 0.5, gamma: 1.0);
        foreach (var rule in new[] { slow, fast })
        {
            rule.LossCoefficients([2.0, 1.0], [1, 1]);
            rule.LossCoefficients([1.0, 2.0], [1, 1]);
        }

        // E = 0.9·[2, 1] + 0.1·[1, 2] = [1.9, 1.1] against E = [1, 2].
        AssertClose([1.9, 1.1], slow.AverageLosses);
        AssertClose([1, 0], slow.Weights);
        AssertClose([0, 1], fast.Weights);
    }

    [Fact]
    public void The_adjustment_is_added_to_the_average()
    {
        // 10/sqrt(56) = 1.336 lifts group 2 above group 3 (GDRO-3's a_g, on the average).
        var rule = new GreedyBtlRule(4, [0, 0, 10, 0], WaterbirdsCounts, alpha: 0.2, gamma: 0.1);
        rule.LossCoefficients(Losses, [1, 1, 1, 1]);

        var w2 = 56.0 / 4795 / 0.2;
        AssertClose([0, 0, w2, 1 - w2], rule.Weights);
        AssertClose(Losses, rule.AverageLosses);
    }

    [Fact]
    public void A_restored_state_continues_bit_identically()
    {
        var rule = new GreedyBtlRule(4, [1.0], WaterbirdsCounts, alpha: 0.25, gamma: 0.3);
        rule.LossCoefficients([0.9, 0.4, 0.0, 2.2], [3, 1, 0, 2]);
        rule.LossCoefficients([0.5, 1.2, 0.8, 0.0], [1, 2, 1, 0]);
        var restored = new GreedyBtlRule(4, [1.0], WaterbirdsCounts, alpha: 0.25, gamma: 0.3);
        restored.RestoreState(rule.GetState());
        Assert.Equal(rule.GetState(), restored.GetState());

        foreach (var (sums, counts) in new[] { (new[] { 0.1, 0.2, 0.0, 0.9 }, new long[] { 1, 2, 0, 3 }), ([2.0, 0.0, 1.5, 0.3], [4, 0, 2, 1]) })
        {
            Assert.Equal(rule.LossCoefficients(sums, counts), restored.LossCoefficients(sums, counts));
        }

        Assert.Equal(rule.Weights, restored.Weights);
        Assert.Equal(rule.AverageLosses, restored.AverageLosses);
        Assert.Throws<ArgumentException>(() => restored.RestoreState(new double[8]));
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(1.5, 0.1)]
    [InlineData(0.2, 0.0)]
    [InlineData(0.2, 1.1)]
    public void Alpha_and_gamma_outside_their_ranges_are_refused(double alpha, double gamma)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GreedyBtlRule(4, [0.0], WaterbirdsCounts, alpha, gamma));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-8, $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
    }
}
