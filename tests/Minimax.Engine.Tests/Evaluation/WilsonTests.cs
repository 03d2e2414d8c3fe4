using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class WilsonTests
{
    [Fact]
    public void Eval3_intervals_match_the_reference_and_do_not_overlap()
    {
        var base60 = Wilson.Interval95(60, 100);
        var persona39 = Wilson.Interval95(39, 100);

        Assert.Equal(0.502003, base60.Low, 1e-6);
        Assert.Equal(0.690599, base60.High, 1e-6);
        Assert.Equal(0.300169, persona39.Low, 1e-6);
        Assert.Equal(0.487970, persona39.High, 1e-6);
        Assert.False(base60.Overlaps(persona39));
        Assert.False(persona39.Overlaps(base60));
    }

    [Fact]
    public void Close_accuracies_overlap()
    {
        var a = Wilson.Interval95(60, 100);
        var b = Wilson.Interval95(55, 100);
        Assert.True(a.Overlaps(b));
        Assert.True(b.Overlaps(a));
    }

    [Fact]
    public void Touching_intervals_overlap()
    {
        Assert.True(new Interval(0.1, 0.3).Overlaps(new Interval(0.3, 0.5)));
        Assert.False(new Interval(0.1, 0.3).Overlaps(new Interval(0.30001, 0.5)));
    }

    [Fact]
    public void No_trials_give_the_whole_unit_interval()
    {
        Assert.Equal(new Interval(0, 1), Wilson.Interval95(0, 0));
    }

    [Theory]
    [InlineData(0L, 10L)]
    [InlineData(10L, 10L)]
    [InlineData(1L, 1_000_000L)]
    public void Bounds_stay_in_the_unit_interval_and_contain_the_proportion(long successes, long trials)
    {
        var interval = Wilson.Interval95(successes, trials);
        var p = (double)successes / trials;
        Assert.InRange(interval.Low, 0, p);
        Assert.InRange(interval.High, p, 1);
    }

    [Fact]
    public void All_successes_have_the_closed_form_lower_bound()
    {
        // With p = 1 the interval is [n/(n + z²), 1].
        const double z = Wilson.Z95;
        var interval = Wilson.Interval95(10, 10);
        Assert.Equal(10 / (10 + z * z), interval.Low, 1e-12);
        Assert.Equal(1, interval.High, 1e-12);
    }

    [Fact]
    public void A_larger_z_gives_a_wider_interval()
    {
        var narrow = Wilson.Interval(30, 50, 1.0);
        var wide = Wilson.Interval(30, 50, 2.575829);
        Assert.True(wide.Low < narrow.Low);
        Assert.True(wide.High > narrow.High);
    }

    [Theory]
    [InlineData(-1L, 10L, 1.96)]
    [InlineData(11L, 10L, 1.96)]
    [InlineData(1L, -1L, 1.96)]
    [InlineData(1L, 10L, 0.0)]
    [InlineData(1L, 10L, double.NaN)]
    public void Invalid_arguments_are_rejected(long successes, long trials, double z)
    {
        Assert.ThrowsAny<ArgumentException>(() => Wilson.Interval(successes, trials, z));
    }
}
