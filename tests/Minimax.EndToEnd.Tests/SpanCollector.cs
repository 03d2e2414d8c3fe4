using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Keeps every span the silo's tracer provider ends, and wakes those waiting for a span. The provider listens to
/// the whole process, so tests pick their spans by trace id.
/// </summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly List<(Func<Activity, bool> Wanted, TaskCompletionSource<Activity> Found)> _waiters = [];

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _spans.Where(span => span.TraceId == traceId)];

    public override void OnEnd(Activity data)
    {
        _spans.Enqueue(data);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(waiter => waiter.Wanted(data)).ToArray())
            {
                waiter.Found.TrySetResult(data);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first span ended that <paramref name="wanted"/> accepts, ended already or within <paramref name="timeout"/>.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> wanted, string what, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_spans.FirstOrDefault(wanted) is { } ended)
            {
                return ended;
            }
            _waiters.Add((wanted, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no span {what} ended within {timeout}");
        }
    }
}
