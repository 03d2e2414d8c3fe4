using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Checkpoints;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Minimax.Grains.Runs;

/// <summary>
/// The user-facing side of a run: lifecycle, progress history and the final result. The coordinator
/// reports here, so GetRun and WatchRun never wait on training.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", "runs")] IPersistentState<RunState> state,
    ICheckpointStore checkpoints,
    Serializer serializer,
    IOptions<RunRecoveryOptions> recovery,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    private readonly List<ProgressRecord> _history = [];
    private TaskCompletionSource _changed = NewSignal();

    private RunState State => state.State;

    public async Task<RunSnapshot> SubmitAsync(RunSpec spec, string tenant)
    {
        if (State.Spec is not null)
        {
            return Snapshot();
        }
        State.Spec = spec;
        State.Tenant = tenant;
        State.Status = RunStatus.Pending;
        State.SubmittedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        // Durable wake-up call: if the silo training this run dies, the reminder resumes it elsewhere.
        await this.RegisterOrUpdateReminder(ResumeReminder, recovery.Value.ResumeCheckPeriod, recovery.Value.ResumeCheckPeriod);
        await GrainFactory.GetGrain<IRunRegistryGrain>(tenant).AddAsync(this.GetPrimaryKeyString());
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
        if (State.Spec is not null && !State.Status.IsTerminal() && !await Coordinator.CancelAsync())
        {
            // No loop runs (its silo died and the reminder has not resumed it yet): nothing to stop.
            await TransitionAsync(RunStatus.Cancelled, "cancelled by request");
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
        // After a resume the steps since the checkpoint are replayed (identically): replace, not append.
        _history.RemoveAll(seen => seen.Step >= progress.Step);
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

    public async Task<string?> RecordCheckpointAsync(string checkpoint, int step)
    {
        var previous = State.Checkpoint;
        State.Checkpoint = checkpoint;
        State.CheckpointStep = step;
        await state.WriteStateAsync();
        return previous == checkpoint ? null : previous;
    }

    public Task<string?> GetCheckpointAsync() => Task.FromResult(State.Checkpoint);

    public async Task<int> NextGenerationAsync()
    {
        State.WorkerGeneration++;
        await state.WriteStateAsync();
        return State.WorkerGeneration;
    }

    public Task RecordPlacementAsync(string coordinatorSilo, IReadOnlyList<string> workerSilos)
    {
        State.CoordinatorSilo = coordinatorSilo;
        State.WorkerSilos = [.. workerSilos];
        return state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Spec is null || State.Status.IsTerminal())
        {
            await StopRemindingAsync();
            return;
        }
        await Coordinator.EnsureRunningAsync(State.Spec, State.Checkpoint);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A reactivated run (its silo died) shows the progress kept beside its last checkpoint.
        if (State.Checkpoint is { } checkpoint && !State.Status.IsTerminal())
        {
            try
            {
                var bytes = await checkpoints.ReadAsync(CheckpointNames.History(checkpoint), cancellationToken);
                if (bytes is not null)
                {
                    _history.AddRange(serializer.Deserialize<ProgressHistory>(bytes)?.Records ?? []);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Run {RunId}: progress history of {Checkpoint} unreadable", this.GetPrimaryKeyString(), checkpoint);
            }
        }
    }

    private async Task StopRemindingAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

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
        if (status.IsTerminal())
        {
            await StopRemindingAsync();
        }
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
            State.TrainGroupCounts,
            State.Tenant,
            Math.Max(0, State.WorkerGeneration - 1),
            State.CoordinatorSilo,
            State.WorkerSilos);
    }
}
