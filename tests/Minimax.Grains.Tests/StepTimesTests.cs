using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

public sealed class StepTimesTests
{
    private static StepTimes Timed(IEnumerable<double> seconds)
    {
        var times = new StepTimes();
        foreach (var value in seconds)
        {
            times.Add(value);
        }
        return times;
    }

    [Fact]
    public void Up_to_the_capacity_every_time_is_kept_and_the_median_is_the_exact_upper_median()
    {
        var seconds = Enumerable.Range(0, StepTimes.Capacity).Select(i => (double)((i * 37) % 101)).ToArray();

        var times = Timed(seconds);

        Assert.Equal(seconds, times.Sample);
        Assert.Equal(seconds.Order().ElementAt(seconds.Length / 2), times.Median);
        Assert.Equal(2.0, Timed([3.0, 1.0, 2.0, 0.5]).Median);
        Assert.Equal(0, new StepTimes().Median);
    }

    [Fact]
    public void A_long_run_keeps_the_capacity_and_its_median_stays_close_to_the_true_one()
    {
        var random = new Random(7);
        // Step times drift and spike, as on a shared machine.
        var seconds = Enumerable.Range(0, 200_000).Select(i => 0.01 + i * 1e-8 + (random.NextDouble() < 0.05 ? 0.5 : random.NextDouble() * 0.002)).ToArray();

        var times = Timed(seconds);

        Assert.Equal(StepTimes.Capacity, times.Sample.Length);
        Assert.Equal(seconds.Length, times.Count);
        var sorted = seconds.Order().ToArray();
        var rank = Array.BinarySearch(sorted, times.Median);
        Assert.InRange(rank / (double)sorted.Length, 0.45, 0.55);
    }

    [Fact]
    public void A_resumed_summary_samples_as_if_the_run_had_never_stopped()
    {
        var seconds = Enumerable.Range(0, 5_000).Select(i => Math.Sin(i) + 2).ToArray();
        var uninterrupted = Timed(seconds);
        var saved = Timed(seconds.Take(3_000));

        var resumed = new StepTimes();
        resumed.Restore(saved.Sample, saved.Count);
        foreach (var value in seconds.Skip(3_000))
        {
            resumed.Add(value);
        }

        Assert.Equal(uninterrupted.Sample, resumed.Sample);
        Assert.Equal(uninterrupted.Count, resumed.Count);
    }

    [Fact]
    public void A_checkpoint_from_before_the_bound_with_every_step_time_is_read_as_those_steps()
    {
        var seconds = Enumerable.Range(0, 2_000).Select(i => (double)(i % 13)).ToArray();

        var restored = new StepTimes();
        restored.Restore(seconds, count: 0);

        Assert.Equal(Timed(seconds).Sample, restored.Sample);
        Assert.Equal(seconds.Length, restored.Count);
    }
}
