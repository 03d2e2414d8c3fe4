using Minimax.Contracts.Specs;
using Minimax.Grains.Sweeps;

namespace Minimax.Grains.Tests;

public sealed class SuccessiveHalvingTests
{
    private static readonly SweepEarlyStop Stop = new(GraceSteps: 10, Reduction: 3);

    private static SweepRungRecord At(int rung, string run, double value) => new(rung, run, value, double.NaN, false);

    [Fact]
    public void Rungs_are_grace_steps_times_powers_of_the_reduction_below_the_last_step_highest_first()
    {
        Assert.Equal([90, 30, 10], SuccessiveHalving.Rungs(Stop, 100));
        Assert.Equal([30, 10], SuccessiveHalving.Rungs(Stop, 90));
        Assert.Empty(SuccessiveHalving.Rungs(Stop, 10));
    }

    [Fact]
    public void The_quantile_interpolates_between_order_statistics_as_numpy_does()
    {
        // numpy.quantile([4, 1, 3, 2], 2/3) = 3.0; ([1, 2], 0.5) = 1.5; a single value is its own quantile.
        Assert.Equal(3.0, SuccessiveHalving.Quantile([4, 1, 3, 2], 2.0 / 3), 12);
        Assert.Equal(1.5, SuccessiveHalving.Quantile([1, 2], 0.5), 12);
        Assert.Equal(7.0, SuccessiveHalving.Quantile([7], 0.3), 12);
    }

    [Fact]
    public void The_first_trial_at_a_rung_goes_on_and_a_later_one_below_the_cutoff_stops()
    {
        var first = SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 12, 0.5, "a", []);
        Assert.Equal(new SuccessiveHalving.Decision(10, false, double.NaN), first);

        SweepRungRecord[] recorded = [At(10, "a", 0.5), At(10, "b", 0.8), At(10, "c", 0.6)];
        // Cutoff: the 2/3 quantile of [0.5, 0.6, 0.8] = 0.6 + (0.8 - 0.6) * (4/3 - 1) = 0.6667.
        var behind = SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 10, 0.65, "d", recorded)!.Value;
        Assert.True(behind.Stop);
        Assert.Equal(0.6 + 0.2 / 3, behind.Cutoff, 12);
        Assert.False(SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 10, 0.7, "d", recorded)!.Value.Stop);
    }

    [Fact]
    public void For_a_loss_the_cutoff_is_the_lower_quantile_and_a_higher_loss_stops()
    {
        SweepRungRecord[] recorded = [At(10, "a", 1.0), At(10, "b", 2.0), At(10, "c", 4.0)];

        // The 1/3 quantile of [1, 2, 4] = 1 + (2 - 1) * 2/3.
        var decision = SuccessiveHalving.Decide(Stop, SweepMetric.ValAverageLoss, 100, 10, 1.8, "d", recorded)!.Value;

        Assert.Equal(1 + 2.0 / 3, decision.Cutoff, 12);
        Assert.True(decision.Stop);
        Assert.False(SuccessiveHalving.Decide(Stop, SweepMetric.ValAverageLoss, 100, 10, 1.5, "d", recorded)!.Value.Stop);
    }

    [Fact]
    public void A_trial_is_recorded_once_at_the_highest_rung_it_passed_and_never_before_the_first_rung()
    {
        Assert.Null(SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 9, 0.5, "a", []));
        Assert.Equal(30, SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 45, 0.5, "a", [])!.Value.Rung);
        Assert.Null(SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 50, 0.5, "a", [At(30, "a", 0.5)]));
        Assert.Null(SuccessiveHalving.Decide(Stop, SweepMetric.ValWorstGroupAccuracy, 100, 50, double.NaN, "a", []));
    }
}
