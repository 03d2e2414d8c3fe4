using Minimax.Contracts.Grains;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Jobs;

/// <summary>The job's place in <see cref="LiveJobs"/> (minimax.jobs.active, .pending and .completed).</summary>
public abstract partial class JobGrain<TSpec, TState>
{
    private JobStatus? _reportedStatus;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A live job whose activation goes is counted again by the activation that continues it.
        LiveJobs.Forget(JobId);
        // Exported now; the activation that continues the job starts a resume span in the same trace.
        EndJobSpan("deactivated", failed: false);
        return Task.CompletedTask;
    }

    // Called on every change a watcher sees; only a new status touches the registry.
    private void ReportStatus()
    {
        if (State.Submitted && _reportedStatus != State.Status)
        {
            _reportedStatus = State.Status;
            LiveJobs.Report(JobId, Kind, State.Tenant, State.Status);
        }
    }
}
