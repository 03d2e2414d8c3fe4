using System.Diagnostics;
using Minimax.Contracts.Grains;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Jobs;

/// <summary>
/// The job's span and its trace. The job span starts at submit under the caller's context (the gRPC call), and
/// its traceparent is kept in the row, because the work goes on long after the call returned: an activation that
/// resumes the work (after a silo restart) starts a <c>job.resume</c> span under it, so all of a job's spans
/// share one trace id, the one its report shows.
/// </summary>
public abstract partial class JobGrain<TSpec, TState>
{
    private Activity? _jobSpan;
    private string? _traceId;

    private string TraceId => State.TraceParent is null ? "" : _traceId ??= MinimaxTracing.TraceIdOf(State.TraceParent);

    /// <summary>The job span, current from here on in the calling method; the traceparent the row keeps.</summary>
    private (Activity? Span, string? TraceParent) StartJobSpan(string tenant)
    {
        var span = MinimaxTracing.StartJob("job", JobId, Kind, tenant);
        // Without a listener here, the caller's context (if any) still names the trace.
        var traced = span ?? Activity.Current;
        return (span, traced is { IdFormat: ActivityIdFormat.W3C } ? traced.Id : null);
    }

    /// <summary>Makes this activation's job span current, starting a resume span under the stored context if it has none.</summary>
    private void EnterJobTrace()
    {
        if (_jobSpan is null && State.TraceParent is { } traceParent)
        {
            _jobSpan = MinimaxTracing.StartJob("job.resume", JobId, Kind, State.Tenant, MinimaxTracing.ContextOf(traceParent));
        }
        if (_jobSpan is not null)
        {
            Activity.Current = _jobSpan;
        }
    }

    private void EndJobSpan(string outcome, bool failed)
    {
        if (_jobSpan is { } span)
        {
            _jobSpan = null;
            span.SetTag("minimax.job.outcome", outcome);
            if (failed)
            {
                span.SetStatus(ActivityStatusCode.Error, State.Reason);
            }
            span.Stop();
        }
    }

    private void EndJobSpan(JobStatus status) =>
        EndJobSpan(status.ToString().ToLowerInvariant(), status == JobStatus.Failed);
}
