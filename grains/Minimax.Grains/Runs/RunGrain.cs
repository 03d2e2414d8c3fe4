using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Runs;

/// <summary>
/// The user-facing side of a run: lifecycle, progress history and the final result. The coordinator
/// reports here, so GetRun and WatchRun never wait on training.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", "runs")] IPersistentState<RunState> state) : Grain, IRunGrain
{
    private readonly List<ProgressRecord> _history = [];
    private TaskCompletionSource _changed = NewSignal();

    private RunState State => state.State;

    public async Task<RunSnapshot> SubmitAsync(RunSpec spec)
    {
        if (State.Spec is not null)
        {
            return Snapshot();
        }
        State.Spec = spec;
        State.Status = RunStatus.Pending;
        State.SubmittedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).AddAsync(this.GetPrimaryKeyString());
        await Coordinator.StartAsync(spec);
        return Snapshot();
    }

    public Task<RunSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task<RunUpdates> WatchAsync(int afterSequence, TimeSpan maxWait)
    {
        if (State.Spec is not null && !State.Status.IsTerminal() && !_history.Any(p => p.Step > afterSequence))
        {
            await Task.WhenAny(_changed.Task, Task.Delay(maxWait));
        }
        var progress = _history.Where(p => p.Step > afterSequence).ToArray();
        var next = progress.Length > 0 ? progress[^1].Step : afterSequence;
        return new RunUpdates(progress, next, Snapshot());
    }

    public async Task<RunSnapshot> CancelAsync()
    {
        if (State.Spec is not null && !State.Status.IsTerminal())
        {
            await Coordinator.CancelAsync();
        }
        return Snapshot();
    }

    public async Task MarkRunningAsync(IReadOnlyList<long> trainGroupCounts)
    {
        State.TrainGroupCounts = trainGroupCounts.ToArray();
        await TransitionAsync(RunStatus.Running, null);
    }

    public Task ReportProgressAsync(ProgressRecord progress)
    {
        _history.Add(progress);
        State.LastProgress = progress;
        Signal();
        // Persist at evaluations only: every step would make storage the bottleneck.
        return progress.Val?.Step == progress.Step ? state.WriteStateAsync() : Task.CompletedTask;
    }

    public Task CompleteAsync(RunResult result)
    {
        State.Result = result;
        return TransitionAsync(RunStatus.Completed, null);
    }

    public Task FailAsync(string reason) => TransitionAsync(RunStatus.Failed, reason);

    public Task MarkCancelledAsync(string reason) => TransitionAsync(RunStatus.Cancelled, reason);

    private ICoordinatorGrain Coordinator => GrainFactory.GetGrain<ICoordinatorGrain>(this.GetPrimaryKeyString());

    private async Task TransitionAsync(RunStatus status, string? reason)
    {
        if (State.Status.IsTerminal())
        {
            return;
        }
        State.Status = status;
        State.Reason = reason;
        if (status.IsTerminal())
        {
            State.FinishedAt = DateTimeOffset.UtcNow;
        }
        await state.WriteStateAsync();
        Signal();
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunSnapshot Snapshot()
    {
        var end = State.FinishedAt ?? DateTimeOffset.UtcNow;
        var wall = State.SubmittedAt is { } start ? (end - start).TotalSeconds : 0;
        return new RunSnapshot(
            this.GetPrimaryKeyString(),
            State.Spec,
            State.Status,
            State.Reason,
            State.LastProgress,
            State.Result,
            wall,
            State.TrainGroupCounts);
    }
}
