using Minimax.Engine.Objectives;

namespace Minimax.Engine.Tests.Objectives;

public sealed class GroupLossEmaTests
{
    [Fact]
    public void Gdro8_first_observation_sets_and_absent_groups_keep_their_value()
    {
        var ema = new GroupLossEma(4);
        ema.Update([1.0, 2.0, 0.0, 4.0], [3, 1, 0, 2]);
        ema.Update([2.0, 2.0, 5.0, 0.0], [1, 1, 2, 0]);
        double[] expected = [1.1, 2.0, 5.0, 4.0];
        for (var g = 0; g < 4; g++)
        {
            Assert.Equal(expected[g], ema.Values[g], 1e-12);
        }

        Assert.All(ema.Initialized, Assert.True);
    }

    [Fact]
    public void A_restored_state_keeps_the_averages_and_which_groups_were_seen()
    {
        var ema = new GroupLossEma(3, gamma: 0.25);
        ema.Update([1.0, 0.0, 3.0], [2, 0, 1]);
        var restored = new GroupLossEma(3, gamma: 0.25);
        restored.RestoreState(ema.GetState());

        Assert.Equal([1.0, 0.0, 3.0, 1.0, 0.0, 1.0], restored.GetState());
        ema.Update([2.0, 4.0, 0.0], [1, 1, 0]);
        restored.Update([2.0, 4.0, 0.0], [1, 1, 0]);
        // Group 1 is seen for the first time, so it takes the batch value rather than 0.25 of it.
        Assert.Equal([1.25, 4.0, 3.0], restored.Values);
        Assert.Equal(ema.GetState(), restored.GetState());
        Assert.Throws<ArgumentException>(() => restored.RestoreState([1, 2, 3, 0, 0.5, 1]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Gamma_must_lie_in_zero_to_one(double gamma)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupLossEma(2, gamma));
    }
}
