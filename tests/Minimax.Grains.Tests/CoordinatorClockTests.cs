using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

public sealed class CoordinatorClockTests
{
    /// <summary>A clock the test moves by hand (one tick per microsecond).</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; private set; }

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => Ticks;

        public void Advance(long microseconds) => Ticks += microseconds;
    }

    [Fact]
    public void Only_the_time_between_pauses_counts()
    {
        var time = new ManualClock();
        var clock = new CoordinatorClock(time);

        clock.Start();
        time.Advance(5);
        clock.Pause();
        time.Advance(1_000);
        clock.Resume();
        time.Advance(3);
        clock.Pause();
        time.Advance(2_000);
        clock.Resume();
        time.Advance(2);

        Assert.Equal(10e-6, clock.StopSeconds(), 12);
    }

    [Fact]
    public void Each_step_starts_from_zero()
    {
        var time = new ManualClock();
        var clock = new CoordinatorClock(time);
        clock.Start();
        time.Advance(40);
        clock.StopSeconds();

        clock.Start();
        time.Advance(7);

        Assert.Equal(7e-6, clock.StopSeconds(), 12);
    }

    [Fact]
    public void Timing_a_step_allocates_nothing()
    {
        var clock = new CoordinatorClock();
        clock.Start();
        clock.StopSeconds();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0.0;
        for (var step = 0; step < 1_000; step++)
        {
            clock.Start();
            clock.Pause();
            clock.Resume();
            total += clock.StopSeconds();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total >= 0);
    }
}
