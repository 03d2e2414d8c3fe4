using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Tests;

public sealed class StepRateTests
{
    /// <summary>A clock the test moves by hand (one tick per microsecond).</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; private set; }

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => Ticks;

        public void Advance(double seconds) => Ticks += (long)Math.Round(seconds * TimestampFrequency);
    }

    [Fact]
    public void Steps_over_the_last_ten_seconds_give_the_rate_and_older_steps_drop_out()
    {
        var clock = new ManualClock();
        var rate = new StepRate(clock);
        for (var second = 0; second < 20; second++)
        {
            rate.Add(50);
            clock.Advance(1);
        }

        // 20 s of 50 steps/s: the window holds 10 of them.
        Assert.Equal(50, rate.PerSecond(), 6);
        clock.Advance(StepRate.WindowSeconds);
        Assert.Equal(0, rate.PerSecond());
    }

    [Fact]
    public void Just_after_start_the_rate_is_over_the_time_elapsed()
    {
        var clock = new ManualClock();
        var rate = new StepRate(clock);
        clock.Advance(0.5);
        rate.Add(10);
        clock.Advance(1.5);

        Assert.Equal(5, rate.PerSecond(), 6);
    }

    [Fact]
    public void The_current_second_so_far_counts()
    {
        var clock = new ManualClock();
        var rate = new StepRate(clock);
        clock.Advance(30.25);
        rate.Add(19);

        // Nine whole seconds without steps and a quarter of this one with 19.
        Assert.Equal(19 / 9.25, rate.PerSecond(), 6);
    }

    [Fact]
    public void Listening_counts_the_minimax_run_steps_counter()
    {
        using var rate = new StepRate(TimeProvider.System);
        rate.Listen();

        MinimaxMetrics.RunSteps.Add(3);

        // Steps of runs trained in parallel by other tests may add to it, never subtract.
        Assert.True(rate.PerSecond() > 0);
    }
}
