using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

public sealed class GreedyBtlTests
{
    private static readonly double[] Losses = [0.3, 0.6, 1.2, 2.0];
    private static readonly double[] WaterbirdsFractions = Fractions([3498, 184, 56, 1057]);

    [Fact]
    public void Gdro7_alpha_0_2_puts_all_weight_on_the_worst_group()
    {
        AssertClose([0, 0, 0, 1], GreedyBtl.Weights(Losses, WaterbirdsFractions, 0.2));
    }

    [Fact]
    public void Gdro7b_alpha_0_25()
    {
        AssertClose([0, 0.07153285, 0.04671533, 0.88175182], GreedyBtl.Weights(Losses, WaterbirdsFractions, 0.25));
    }

    [Fact]
    public void Every_group_inside_alpha_does_not_run_past_the_end()
    {
        var weights = GreedyBtl.Weights(Losses, [0.25, 0.25, 0.25, 0.25], 1.0);
        AssertClose([0.25, 0.25, 0.25, 0.25], weights);
    }

    [Fact]
    public void Minimum_variational_weight_mixes_in_erm()
    {
        var weights = GreedyBtl.Weights(Losses, WaterbirdsFractions, 0.2, minimumVariationalWeight: 0.5);
        AssertClose(WaterbirdsFractions.Select((f, g) => 0.5 * f + (g == 3 ? 0.5 : 0)).ToArray(), weights);
    }

    private static double[] Fractions(long[] counts) => counts.Select(c => (double)c / counts.Sum()).ToArray();

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-8, $"[{i}] expected {expected[i]}, got {actual[i]}");
        }
    }
}
