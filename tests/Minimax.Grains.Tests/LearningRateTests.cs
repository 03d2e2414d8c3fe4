using Minimax.Contracts.Specs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

public sealed class LearningRateTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0004)]
    [InlineData(25, 0.01)]
    [InlineData(49, 0.0196)]
    [InlineData(50, 0.02)]
    [InlineData(1000, 0.02)]
    public void Warms_up_linearly_then_holds(int step, double expected) =>
        Assert.Equal(expected, LearningRate.At(new OptimizerSpec { Lr = 0.02, Warmup = 50 }, step), 12);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    public void Without_warmup_is_the_spec_rate(int step) =>
        Assert.Equal(0.02, LearningRate.At(new OptimizerSpec { Lr = 0.02 }, step));
}
