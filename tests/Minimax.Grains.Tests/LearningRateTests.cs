using Minimax.Contracts.Specs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

public sealed class LearningRateTests
{
    private const int Total = 250;

    private static TrainingSpec Training(LrScheduleKind kind, int warmup = 50, double finalFraction = LrScheduleSpec.DefaultFinalFraction) => new()
    {
        Steps = Total,
        Optimizer = new OptimizerSpec { Lr = 0.02, Warmup = warmup },
        LrSchedule = new LrScheduleSpec { Kind = kind, FinalFraction = finalFraction },
    };

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0004)]
    [InlineData(25, 0.01)]
    [InlineData(49, 0.0196)]
    [InlineData(50, 0.02)]
    [InlineData(1000, 0.02)]
    public void Warms_up_linearly_then_holds(int step, double expected) =>
        Assert.Equal(expected, LearningRate.At(Training(LrScheduleKind.Constant), step, Total), 12);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    public void Without_warmup_a_constant_schedule_is_the_spec_rate_bit_for_bit(int step) =>
        Assert.Equal(0.02, LearningRate.At(Training(LrScheduleKind.Constant, warmup: 0), step, Total));

    // Warm-up 50 of 250 steps, decay over the last 200: step 100 is a quarter of the decay, 150 its middle.
    [Theory]
    [InlineData(LrScheduleKind.Linear, 0, 0.0)]
    [InlineData(LrScheduleKind.Linear, 25, 0.01)]
    [InlineData(LrScheduleKind.Linear, 50, 0.02)]
    [InlineData(LrScheduleKind.Linear, 100, 0.0155)]
    [InlineData(LrScheduleKind.Linear, 150, 0.011)]
    [InlineData(LrScheduleKind.Linear, 250, 0.002)]
    [InlineData(LrScheduleKind.Cosine, 0, 0.0)]
    [InlineData(LrScheduleKind.Cosine, 25, 0.01)]
    [InlineData(LrScheduleKind.Cosine, 50, 0.02)]
    [InlineData(LrScheduleKind.Cosine, 100, 0.017363961030678928)]
    [InlineData(LrScheduleKind.Cosine, 150, 0.011)]
    [InlineData(LrScheduleKind.Cosine, 250, 0.002)]
    [InlineData(LrScheduleKind.Exponential, 0, 0.0)]
    [InlineData(LrScheduleKind.Exponential, 25, 0.01)]
    [InlineData(LrScheduleKind.Exponential, 50, 0.02)]
    [InlineData(LrScheduleKind.Exponential, 100, 0.011246826503806981)]
    [InlineData(LrScheduleKind.Exponential, 150, 0.0063245553203367588)]
    [InlineData(LrScheduleKind.Exponential, 250, 0.002)]
    public void Decays_after_the_warmup_from_the_peak_to_the_final_fraction(LrScheduleKind kind, int step, double expected) =>
        Assert.Equal(expected, LearningRate.At(Training(kind), step, Total), 12);

    [Theory]
    [InlineData(LrScheduleKind.Linear)]
    [InlineData(LrScheduleKind.Cosine)]
    [InlineData(LrScheduleKind.Exponential)]
    public void Every_decaying_schedule_falls_step_by_step_and_never_below_the_final_rate(LrScheduleKind kind)
    {
        var rates = Enumerable.Range(50, Total - 49).Select(step => LearningRate.At(Training(kind), step, Total)).ToArray();
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.First} then {pair.Second}"));
        Assert.Equal(0.002, rates[^1], 12);
        Assert.Equal(0.002, LearningRate.At(Training(kind), Total + 10, Total), 12);
    }

    [Fact]
    public void A_linear_decay_to_zero_without_warmup_starts_below_the_peak_and_ends_at_zero()
    {
        var training = Training(LrScheduleKind.Linear, warmup: 0, finalFraction: 0);
        Assert.Equal(0.02, LearningRate.At(training, 0, Total), 12);
        Assert.Equal(0.02 * (1 - 1.0 / Total), LearningRate.At(training, 1, Total), 12);
        Assert.Equal(0.0, LearningRate.At(training, Total, Total), 12);
    }

    [Fact]
    public void A_run_that_ends_within_its_warmup_never_decays()
    {
        var training = Training(LrScheduleKind.Cosine, warmup: 50);
        Assert.Equal(0.01, LearningRate.At(training, 25, 40), 12);
        Assert.Equal(0.02, LearningRate.At(training, 50, 50), 12);
    }
}
