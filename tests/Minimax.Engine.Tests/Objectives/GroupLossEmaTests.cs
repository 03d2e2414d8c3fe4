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
}
