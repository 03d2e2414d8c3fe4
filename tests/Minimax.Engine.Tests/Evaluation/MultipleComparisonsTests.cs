using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class MultipleComparisonsTests
{
    private static readonly double[] Family = [0.01, 0.04, 0.03, 0.005];

    [Fact]
    public void Holm_by_hand()
    {
        // Sorted: 0.005, 0.01, 0.03, 0.04 (m = 4). Times m − rank + 1: 0.02, 0.03, 0.06, 0.04.
        // Running maximum: 0.02, 0.03, 0.06, 0.06. Back in input order:
        var adjusted = MultipleComparisons.Adjust(Family, Correction.Holm);
        AssertClose([0.03, 0.06, 0.06, 0.02], adjusted);
    }

    [Fact]
    public void Benjamini_Hochberg_by_hand()
    {
        // Sorted: 0.005, 0.01, 0.03, 0.04. Times m/rank: 0.02, 0.02, 0.04, 0.04.
        // Running minimum from the top leaves them as they are. Back in input order:
        var adjusted = MultipleComparisons.Adjust(Family, Correction.BenjaminiHochberg);
        AssertClose([0.02, 0.04, 0.04, 0.02], adjusted);
    }

    [Fact]
    public void Benjamini_Hochberg_steps_up()
    {
        // Sorted: 0.02, 0.04, 0.045, 0.9. Times m/rank: 0.08, 0.08, 0.06, 0.9.
        // Running minimum from the top: 0.9, 0.06, 0.06, 0.06, so the two smallest drop to 0.06.
        var adjusted = MultipleComparisons.Adjust([0.04, 0.045, 0.02, 0.9], Correction.BenjaminiHochberg);
        AssertClose([0.06, 0.06, 0.06, 0.9], adjusted);
    }

    [Fact]
    public void Holm_caps_at_one()
    {
        // Sorted: 0.3, 0.5, 0.6. Times 3, 2, 1: 0.9, 1.0, 0.6; running maximum 0.9, 1.0, 1.0.
        AssertClose([1.0, 0.9, 1.0], MultipleComparisons.Adjust([0.6, 0.3, 0.5], Correction.Holm));

        // 2 × 0.7 would be 1.4.
        AssertClose([1.0, 1.0], MultipleComparisons.Adjust([0.7, 0.8], Correction.Holm));
    }

    [Fact]
    public void None_returns_a_copy_of_the_input()
    {
        var adjusted = MultipleComparisons.Adjust(Family, Correction.None);
        Assert.Equal(Family, adjusted);
        Assert.NotSame(Family, adjusted);
    }

    [Theory]
    [InlineData(Correction.Holm)]
    [InlineData(Correction.BenjaminiHochberg)]
    public void Ties_get_equal_adjusted_values(Correction correction)
    {
        var adjusted = MultipleComparisons.Adjust([0.02, 0.01, 0.02, 0.02], correction);
        Assert.Equal(adjusted[0], adjusted[2]);
        Assert.Equal(adjusted[0], adjusted[3]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_families_are_monotone_bounded_and_ordered(int seed)
    {
        var random = new Random(seed);
        var raw = Enumerable.Range(0, 40).Select(_ => Math.Pow(random.NextDouble(), 3)).ToArray();
        var holm = MultipleComparisons.Adjust(raw, Correction.Holm);
        var bh = MultipleComparisons.Adjust(raw, Correction.BenjaminiHochberg);

        for (var i = 0; i < raw.Length; i++)
        {
            Assert.InRange(bh[i], raw[i], 1);
            Assert.InRange(holm[i], bh[i], Math.Min(1, raw.Length * raw[i]) + 1e-15);
            for (var j = 0; j < raw.Length; j++)
            {
                if (raw[i] <= raw[j])
                {
                    Assert.True(holm[i] <= holm[j], $"Holm is not monotone at {i}, {j}");
                    Assert.True(bh[i] <= bh[j], $"BH is not monotone at {i}, {j}");
                }
            }
        }
    }

    [Fact]
    public void An_empty_family_stays_empty()
    {
        Assert.Empty(MultipleComparisons.Adjust([], Correction.Holm));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void P_values_outside_the_unit_interval_are_rejected(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleComparisons.Adjust([0.1, p], Correction.Holm));
    }

    [Theory]
    [InlineData("holm", Correction.Holm)]
    [InlineData("BH", Correction.BenjaminiHochberg)]
    [InlineData("none", Correction.None)]
    public void Parse_reads_the_names(string name, Correction expected)
    {
        Assert.Equal(expected, MultipleComparisons.Parse(name));
        Assert.Equal(expected, MultipleComparisons.Parse(MultipleComparisons.Name(expected)));
    }

    [Fact]
    public void Parse_rejects_other_names_and_lists_the_accepted_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => MultipleComparisons.Parse("bonferroni"));
        Assert.Contains("'bonferroni'", error.Message, StringComparison.Ordinal);
        Assert.Contains("holm, bh, none", error.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }
}
