using System.Diagnostics.Metrics;

namespace Minimax.Grains.Telemetry;

/// <summary>
/// Steps per second of the runs this process coordinates: the minimax.run.steps counter's increments, kept in
/// one-second buckets over the last <see cref="WindowSeconds"/> seconds, so a status call reads a rate at once
/// instead of sampling the counter twice. The counter is process-wide, so two silos in one process (a test
/// cluster) each see the steps of both.
/// </summary>
public sealed class StepRate : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public const int WindowSeconds = 10;

    /// <summary>The name of <see cref="MinimaxMetrics.RunSteps"/>.</summary>
    private const string StepsCounter = "minimax.run.steps";

    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly long[] _counts = new long[WindowSeconds];
    private readonly long[] _seconds = new long[WindowSeconds];
    private readonly Lock _gate = new();
    private MeterListener? _listener;

    /// <summary>A rate on <paramref name="time"/>'s clock, fed through <see cref="Add"/> until <see cref="Listen"/>.</summary>
    public StepRate(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        Array.Fill(_seconds, -1);
    }

    /// <summary>Listens from the silo's start, so the rate counts every step rather than those after the first status call.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StepRate), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            Listen();
            return Task.CompletedTask;
        });

    /// <summary>Feeds the rate from <see cref="MinimaxMetrics.RunSteps"/>.</summary>
    public void Listen()
    {
        if (_listener is not null)
        {
            return;
        }
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // By name, not by reference: an instrument is published while MinimaxMetrics' static fields are still being set.
                if (instrument.Meter.Name == MinimaxMetrics.MeterName && instrument.Name == StepsCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, steps, _, _) => Add(steps));
        _listener.Start();
    }

    public void Add(long steps)
    {
        var second = (long)Elapsed().TotalSeconds;
        lock (_gate)
        {
            var bucket = (int)(second % WindowSeconds);
            if (_seconds[bucket] != second)
            {
                _seconds[bucket] = second;
                _counts[bucket] = 0;
            }
            _counts[bucket] += steps;
        }
    }

    /// <summary>Steps in the window (the current second so far included) over the time the window covers.</summary>
    public double PerSecond()
    {
        var elapsed = Elapsed().TotalSeconds;
        var second = (long)elapsed;
        long steps = 0;
        lock (_gate)
        {
            for (var bucket = 0; bucket < WindowSeconds; bucket++)
            {
                if (_seconds[bucket] > second - WindowSeconds)
                {
                    steps += _counts[bucket];
                }
            }
        }
        // The window is the last WindowSeconds - 1 whole seconds and the current one so far, or less just after start.
        var covered = Math.Min(elapsed, WindowSeconds - 1 + (elapsed - second));
        return covered > 0 ? steps / covered : 0;
    }

    public void Dispose() => _listener?.Dispose();

    private TimeSpan Elapsed() => _time.GetElapsedTime(_started);
}
