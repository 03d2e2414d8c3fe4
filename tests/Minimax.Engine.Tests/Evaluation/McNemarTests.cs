using System.Numerics;
using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class McNemarTests
{
    [Fact]
    public void Eval4_small_cells_use_the_exact_test()
    {
        var result = McNemar.Test(30, 20, 5, 45);

        Assert.Equal(McNemar.Exact, result.Test);
        Assert.Equal(5.0, result.Statistic);
        Assert.Equal(0.004077, result.PValue, 1e-6);
    }

    [Fact]
    public void Eval5_large_cells_use_the_continuity_corrected_chi_square()
    {
        var result = McNemar.Test(100, 40, 26, 60);

        Assert.Equal(McNemar.ChiSquare, result.Test);
        Assert.NotNull(result.Statistic);
        Assert.Equal(2.560606, result.Statistic.Value, 1e-6);
        Assert.Equal(0.109557, result.PValue, 1e-6);
    }

    [Theory]
    [InlineData(24L, 100L, 100L, 100L)]
    [InlineData(100L, 24L, 100L, 100L)]
    [InlineData(100L, 100L, 24L, 100L)]
    [InlineData(100L, 100L, 100L, 24L)]
    public void Any_cell_below_25_switches_to_the_exact_test(long n11, long b, long c, long n00)
    {
        Assert.Equal(McNemar.Exact, McNemar.Test(n11, b, c, n00).Test);
    }

    [Fact]
    public void Cells_of_25_use_the_chi_square()
    {
        Assert.Equal(McNemar.ChiSquare, McNemar.Test(25, 25, 25, 25).Test);
    }

    [Fact]
    public void No_discordant_pairs_give_p_one()
    {
        var result = McNemar.Test(50, 0, 0, 50);
        Assert.Equal(McNemar.Exact, result.Test);
        Assert.Equal(1.0, result.PValue);
    }

    [Theory]
    [InlineData(30L, 20L, 5L, 45L)]
    [InlineData(100L, 40L, 26L, 60L)]
    [InlineData(0L, 3L, 300L, 0L)]
    [InlineData(1000L, 700L, 650L, 1000L)]
    [InlineData(0L, 5_000_400L, 4_999_600L, 0L)]
    public void Swapping_b_and_c_changes_nothing(long n11, long b, long c, long n00)
    {
        Assert.Equal(McNemar.Test(n11, b, c, n00), McNemar.Test(n11, c, b, n00));
    }

    [Theory]
    [InlineData(20L, 5L)]
    [InlineData(10L, 40L)]
    [InlineData(3L, 300L)]
    [InlineData(0L, 12L)]
    [InlineData(500L, 480L)]
    [InlineData(12L, 13L)]
    public void Exact_p_matches_exact_integer_arithmetic(long b, long c)
    {
        var p = McNemar.Test(0, b, c, 0).PValue;

        // 2·Σ_{i ≤ min(b,c)} C(n, i) / 2ⁿ, in integers; only the final ratio is rounded.
        var n = (int)(b + c);
        var k = (int)Math.Min(b, c);
        BigInteger coefficient = 1, sum = 1;
        for (var i = 1; i <= k; i++)
        {
            coefficient = coefficient * (n - i + 1) / i;
            sum += coefficient;
        }

        var expected = Math.Min(1, 2 * Math.Exp(BigInteger.Log(sum) - n * Math.Log(2)));
        Assert.Equal(expected, p, expected * 1e-10);
    }

    [Theory]
    [InlineData(40L, 26L)]
    [InlineData(25L, 25L)]
    [InlineData(60L, 30L)]
    [InlineData(200L, 100L)]
    [InlineData(3000L, 2000L)]
    public void Chi_square_p_matches_the_normal_tail_by_quadrature(long b, long c)
    {
        var result = McNemar.Test(100, b, c, 100);
        Assert.Equal(McNemar.ChiSquare, result.Test);

        // P(χ²₁ ≥ s) = (2/√π)·∫_{√(s/2)}^∞ e^(−t²) dt, here by Simpson's rule over [z, z + 12].
        var z = Math.Sqrt(result.Statistic!.Value / 2);
        const int steps = 200_000;
        var h = 12.0 / steps;
        var integral = 0.0;
        for (var i = 0; i <= steps; i++)
        {
            var t = z + i * h;
            var weight = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            integral += weight * Math.Exp(-t * t);
        }

        var expected = 2 / Math.Sqrt(Math.PI) * integral * h / 3;
        Assert.Equal(expected, result.PValue, expected * 1e-9);
    }

    [Theory]
    [InlineData(5_002_500L, 4_997_500L)]
    [InlineData(5_000_000L, 4_990_000L)]
    [InlineData(500_300L, 499_700L)]
    public void Exact_test_is_stable_for_ten_million_pairs(long b, long c)
    {
        // Forcing the exact test (an empty cell) at a size where the continuity-corrected χ² agrees with it to
        // O(1/n): a log-factorial or plain-probability implementation would return 0, 1 or NaN here instead.
        var exact = McNemar.Test(0, b, c, 0);
        var chiSquare = McNemar.Test(1000, b, c, 1000);

        Assert.Equal(McNemar.Exact, exact.Test);
        Assert.Equal(McNemar.ChiSquare, chiSquare.Test);
        Assert.InRange(exact.PValue, 1e-12, 1);
        Assert.Equal(chiSquare.PValue, exact.PValue, 1e-5);
    }

    [Fact]
    public void Far_tail_at_ten_million_underflows_to_zero_not_nan()
    {
        Assert.Equal(0.0, McNemar.Test(0, 9_999_990, 10, 0).PValue);
    }

    [Fact]
    public void Equal_discordant_counts_at_ten_million_give_p_one()
    {
        Assert.Equal(1.0, McNemar.Test(0, 5_000_000, 5_000_000, 0).PValue);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemar.Test(1, -1, 2, 3));
    }
}
