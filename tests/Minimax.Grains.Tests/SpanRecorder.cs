using System.Diagnostics;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Tests;

/// <summary>Listens to the "Minimax" source for one test and wakes those waiting for a span to start or stop.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<(Activity Span, bool Stopped)> _events = [];
    private readonly List<(Func<Activity, bool, bool> Wanted, TaskCompletionSource<Activity> Found)> _waiters = [];

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MinimaxTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = span => Record(span, stopped: false),
            ActivityStopped = span => Record(span, stopped: true),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task<Activity> StartedAsync(Func<Activity, bool> wanted, string what, TimeSpan timeout) => WaitAsync((span, stopped) => !stopped && wanted(span), what, timeout);

    public Task<Activity> StoppedAsync(Func<Activity, bool> wanted, string what, TimeSpan timeout) => WaitAsync((span, stopped) => stopped && wanted(span), what, timeout);

    public void Dispose() => _listener.Dispose();

    private void Record(Activity span, bool stopped)
    {
        lock (_events)
        {
            _events.Add((span, stopped));
            foreach (var waiter in _waiters.Where(waiter => waiter.Wanted(span, stopped)).ToArray())
            {
                waiter.Found.TrySetResult(span);
                _waiters.Remove(waiter);
            }
        }
    }

    private async Task<Activity> WaitAsync(Func<Activity, bool, bool> wanted, string what, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            if (_events.FirstOrDefault(e => wanted(e.Span, e.Stopped)) is { Span: { } seen })
            {
                return seen;
            }
            _waiters.Add((wanted, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no span {what} within {timeout}");
        }
    }
}
