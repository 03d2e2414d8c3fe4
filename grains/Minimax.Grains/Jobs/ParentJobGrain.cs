using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Grains.Training;

namespace Minimax.Grains.Jobs;

/// <summary>
/// A job whose work is a pipeline of child runs (a mixture's stages, a sweep's trials), written once: the
/// pipeline starts at submit or on the resume reminder and keeps the activation alive while it runs; an
/// interruption by deactivation or a transient storage failure is left to the reminder; any other failure
/// fails the job and cancels its children.
/// </summary>
public abstract class ParentJobGrain<TSpec, TState>(IPersistentState<TState> state, JobServices services, ILogger logger)
    : JobGrain<TSpec, TState>(state, services, logger)
    where TSpec : class
    where TState : JobState, new()
{
    private Task? _pipeline;
    private ChildRuns? _children;

    protected bool Deactivated { get; private set; }

    protected ChildRuns Children => _children ??= new ChildRuns(GrainFactory, JobId, Logger, () => Deactivated);

    /// <summary>The job's work, from Running to its terminal status.</summary>
    protected abstract Task RunPipelineAsync();

    /// <summary>Cancels the children that have not ended.</summary>
    protected abstract Task CancelChildrenAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivated = true;
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    protected override Task StartWorkAsync()
    {
        if (_pipeline is null)
        {
            DelayDeactivation(TimeSpan.FromDays(30));
            _pipeline = DriveAsync();
        }
        return Task.CompletedTask;
    }

    protected override async Task<bool> CancelWorkAsync()
    {
        await CancelChildrenAsync();
        return _pipeline is not null;
    }

    private async Task DriveAsync()
    {
        try
        {
            await RunPipelineAsync();
        }
        catch (Exception exception) when (Deactivated || RunStateCalls.IsTransientWriteFailure(exception))
        {
            Logger.LogWarning(exception, "{Kind} job {JobId}: interrupted; the resume reminder continues it", Kind, JobId);
        }
        catch (Exception exception)
        {
            Logger.LogWarning(exception, "{Kind} job {JobId} failed", Kind, JobId);
            await TransitionAsync(JobStatus.Failed, FailureReason.Describe(exception));
            await CancelChildrenAsync();
        }
        finally
        {
            _pipeline = null;
            DelayDeactivation(TimeSpan.Zero);
        }
    }
}
