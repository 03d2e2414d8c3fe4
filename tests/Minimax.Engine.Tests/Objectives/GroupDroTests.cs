using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

// Vectors from ALGORITHMS.md §1f (algorithms/reference_output.txt).
public sealed class GroupDroTests
{
    private const double Tolerance = 1e-8;
    private static readonly double[] Uniform = [0.25, 0.25, 0.25, 0.25];
    private static readonly double[] Losses = [0.3, 0.6, 1.2, 2.0];
    private static readonly long[] WaterbirdsCounts = [3498, 184, 56, 1057];

    [Fact]
    public void Gdro1_small_step()
    {
        var (q, robust) = GroupDro.Step(Uniform, Losses, 0.01);
        AssertClose([0.24818881, 0.24893450, 0.25043260, 0.25244409], q);
        Assert.Equal(1.02922464, robust, Tolerance);
    }

    [Fact]
    public void Gdro2_unit_step()
    {
        var (q, robust) = GroupDro.Step(Uniform, Losses, 1.0);
        AssertClose([0.09724401, 0.13126569, 0.23918168, 0.53230862], q);
        Assert.Equal(1.45956787, robust, Tolerance);
    }

    [Fact]
    public void Gdro3_adjustment_for_every_group()
    {
        var adjusted = GroupDro.AdjustedLosses(Losses, [2.0], WaterbirdsCounts, normalize: false);
        AssertClose([0.33381583, 0.74744196, 1.46726124, 2.06151663], adjusted);
        var q = GroupDro.UpdateWeights(Uniform, adjusted, 0.01);
        AssertClose([0.24795617, 0.24898390, 0.25078260, 0.25227733], q);
        Assert.Equal(1.02927097, GroupDro.RobustLoss(q, Losses), Tolerance);
        Assert.Equal([0.3, 0.6, 1.2, 2.0], Losses);
    }

    [Fact]
    public void Gdro4_normalized_loss()
    {
        var adjusted = GroupDro.AdjustedLosses(Losses, [], WaterbirdsCounts, normalize: true);
        AssertClose([0.24955800, 0.24974067, 0.25010642, 0.25059491], GroupDro.UpdateWeights(Uniform, adjusted, 0.01));
    }

    [Fact]
    public void Gdro5_minibatch_with_an_absent_group()
    {
        var (sums, counts) = Minibatch();
        var means = GroupDro.GroupMeans(sums, counts);
        AssertClose([0.36666667, 0.85, 0.0, 3.0], means);
        var (q, robust) = GroupDro.Step(Uniform, means, 0.01);
        AssertClose([0.24827029, 0.24947317, 0.24736163, 0.25489491], q);
        Assert.Equal(1.06776937, robust, Tolerance);
    }

    [Fact]
    public void Gdro5_through_the_rule_gives_q_and_robust_loss()
    {
        var rule = new GroupDroRule(4, 0.01, [0.0], WaterbirdsCounts, normalizeLoss: false);
        AssertClose(Uniform, rule.Weights);
        var (sums, counts) = Minibatch();
        var coefficients = rule.LossCoefficients(sums, counts);

        AssertClose([0.24827029, 0.24947317, 0.24736163, 0.25489491], rule.Weights);
        Assert.Equal(1.06776937, rule.LastRobustLoss, Tolerance);
        Assert.Equal(0.0, coefficients[2]);

        // Σ_i c_{g_i}·ℓ_i is the robust loss that gets back-propagated.
        double[] losses = [0.2, 0.4, 1.0, 3.0, 0.5, 0.7];
        int[] groups = [0, 0, 1, 3, 0, 1];
        var backpropagated = losses.Select((l, i) => coefficients[groups[i]] * l).Sum();
        Assert.Equal(1.06776937, backpropagated, Tolerance);
    }

    [Fact]
    public void Gdro5_split_over_workers_gives_the_same_q()
    {
        var whole = new GroupDroRule(4, 0.01, [0.0], WaterbirdsCounts, normalizeLoss: false);
        var (sums, counts) = Minibatch();
        whole.LossCoefficients(sums, counts);

        // Worker A holds rows 0-2, worker B rows 3-5; the coordinator adds their sums and counts.
        double[] sumsA = [0.6, 1.0, 0, 0], sumsB = [0.5, 0.7, 0, 3.0];
        long[] countsA = [2, 1, 0, 0], countsB = [1, 1, 0, 1];
        var merged = new GroupDroRule(4, 0.01, [0.0], WaterbirdsCounts, normalizeLoss: false);
        merged.LossCoefficients(sumsA.Zip(sumsB, (a, b) => a + b).ToArray(), countsA.Zip(countsB, (a, b) => a + b).ToArray());
        AssertClose(whole.Weights, merged.Weights, 1e-15);
    }

    [Fact]
    public void Gdro6_three_steps()
    {
        var q = Uniform;
        for (var i = 0; i < 3; i++)
        {
            q = GroupDro.Step(q, Losses, 0.01).Q;
        }

        AssertClose([0.24457464, 0.24678575, 0.25126811, 0.25737150], q);
    }

    [Fact]
    public void Gdro6_rule_state_round_trips()
    {
        var rule = new GroupDroRule(4, 0.01, [0.0], WaterbirdsCounts, normalizeLoss: false);
        var sums = Losses.ToArray();
        long[] ones = [1, 1, 1, 1];
        rule.LossCoefficients(sums, ones);
        var restored = new GroupDroRule(4, 0.01, [0.0], WaterbirdsCounts, normalizeLoss: false);
        restored.RestoreState(rule.GetState());
        rule.LossCoefficients(sums, ones);
        restored.LossCoefficients(sums, ones);
        rule.LossCoefficients(sums, ones);
        restored.LossCoefficients(sums, ones);
        AssertClose([0.24457464, 0.24678575, 0.25126811, 0.25737150], rule.Weights);
        Assert.Equal(rule.Weights, restored.Weights);
    }

    [Fact]
    public void Gdro7c_reference_gate_drops_a_partial_adjustment()
    {
        double[] adjustment = [0, 2, 2, 2];
        AssertClose(Losses, GroupDro.AdjustedLosses(Losses, adjustment, WaterbirdsCounts, false, referenceGate: true));
        AssertClose([0.3, 0.74744196, 1.46726124, 2.06151663], GroupDro.AdjustedLosses(Losses, adjustment, WaterbirdsCounts, false));
    }

    [Fact]
    public void Q_stays_on_the_simplex_and_equal_losses_leave_it_unchanged()
    {
        var (q, robust) = GroupDro.Step([0.1, 0.2, 0.3, 0.4], [1000, 2000, 3000, 900], 5.0);
        Assert.Equal(1.0, q.Sum(), 1e-12);
        Assert.All(q, w => Assert.True(w >= 0));
        Assert.InRange(robust, 900, 3000);
        AssertClose([0.1, 0.2, 0.3, 0.4], GroupDro.Step([0.1, 0.2, 0.3, 0.4], [0.7, 0.7, 0.7, 0.7], 0.5).Q, 1e-15);
    }

    [Fact]
    public void Erm_coefficients_give_the_batch_mean()
    {
        var rule = new ErmRule(4);
        var (sums, counts) = Minibatch();
        var coefficients = rule.LossCoefficients(sums, counts);
        double[] losses = [0.2, 0.4, 1.0, 3.0, 0.5, 0.7];
        int[] groups = [0, 0, 1, 3, 0, 1];
        Assert.Equal(losses.Average(), losses.Select((l, i) => coefficients[groups[i]] * l).Sum(), 1e-12);
        AssertClose([3 / 6.0, 2 / 6.0, 0, 1 / 6.0], rule.Weights, 1e-15);
    }

    private static (double[] Sums, long[] Counts) Minibatch()
    {
        double[] losses = [0.2, 0.4, 1.0, 3.0, 0.5, 0.7];
        int[] groups = [0, 0, 1, 3, 0, 1];
        var sums = new double[4];
        var counts = new long[4];
        for (var i = 0; i < losses.Length; i++)
        {
            sums[groups[i]] += losses[i];
            counts[groups[i]]++;
        }

        return (sums, counts);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
    }
}
