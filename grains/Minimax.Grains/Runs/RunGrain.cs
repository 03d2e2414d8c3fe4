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
    private bool _listed;

    private RunState State => state.State;

    public async Task<RunSnapshot> SubmitAsync(RunSpec spec, string tenant)
    {
        if (State.Spec is not null)
        {
            return Snapshot();
        }
        // Durable wake-up call: if the silo training this run dies, the reminder resumes it elsewhere.
        // Registered first: if the state write below fails, the reminder finds no run and unregisters.
        await this.RegisterOrUpdateReminder(ResumeReminder, recovery.Value.ResumeCheckPeriod, recovery.Value.ResumeCheckPeriod);
        var created = await PersistAsync("submit", run =>
        {
            if (run.Spec is not null)
            {
                return false;
            }
            run.Spec = spec;
            run.Tenant = tenant;
            run.Status = RunStatus.Pending;
            run.SubmittedAt = DateTimeOffset.UtcNow;
            return true;
        });
        if (!created)
        {
            // Another writer created the run meanwhile: it is that run, unchanged.
            return Snapshot();
        }
        await EnsureListedAsync();
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

    public Task MarkRunningAsync(IReadOnlyList<long> trainGroupCounts)
    {
        var counts = trainGroupCounts.ToArray();
        return TransitionAsync(RunStatus.Running, null, run => run.TrainGroupCounts = counts);
    }

    public async Task ReportProgressAsync(ProgressRecord progress)
    {
        // After a resume the steps since the checkpoint are replayed (identically): replace, not append.
        _history.RemoveAll(seen => seen.Step >= progress.Step);
        _history.Add(progress);
        State.LastProgress = progress;
        Signal();
        // Persist at evaluations only: every step would make storage the bottleneck. A failed write is
        // made good by the next evaluation's.
        if (progress.Val?.Step == progress.Step)
        {
            await PersistAsync($"progress at step {progress.Step}", _ => true);
        }
    }

    public Task CompleteAsync(RunResult result) => TransitionAsync(RunStatus.Completed, null, run => run.Result = result);

    public Task FailAsync(string reason) => TransitionAsync(RunStatus.Failed, reason);

    public Task MarkCancelledAsync(string reason) => TransitionAsync(RunStatus.Cancelled, reason);

    public async Task<string?> RecordCheckpointAsync(string checkpoint, int step)
    {
        string? previous = null;
        await PersistAsync($"checkpoint {checkpoint}", run =>
        {
            previous = null;
            // Forward only: after a re-read, a pointer another writer moved to a later step stays.
            if (run.Checkpoint == checkpoint || run.CheckpointStep > step)
            {
                return false;
            }
            previous = run.Checkpoint;
            run.Checkpoint = checkpoint;
            run.CheckpointStep = step;
            return true;
        });
        return previous;
    }

    public Task<string?> GetCheckpointAsync() => Task.FromResult(State.Checkpoint);

    public async Task<int> NextGenerationAsync()
    {
        // Applied again to a re-read row, so a generation is never handed out twice.
        await PersistAsync("new worker generation", run =>
        {
            run.WorkerGeneration++;
            return true;
        });
        return State.WorkerGeneration;
    }

    public Task RecordPlacementAsync(string coordinatorSilo, IReadOnlyList<string> workerSilos) =>
        PersistAsync("placement", run =>
        {
            run.CoordinatorSilo = coordinatorSilo;
            run.WorkerSilos = [.. workerSilos];
            return true;
        });

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Spec is null)
        {
            await StopRemindingAsync();
            return;
        }
        await EnsureListedAsync();
        if (State.Status.IsTerminal())
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

    private async Task TransitionAsync(RunStatus status, string? reason, Action<RunState>? with = null)
    {
        if (State.Status.IsTerminal())
        {
            return;
        }
        await PersistAsync(status.ToString(), run =>
        {
            // A terminal status is never overwritten, also not one another writer stored meanwhile.
            if (run.Status.IsTerminal())
            {
                return false;
            }
            with?.Invoke(run);
            run.Status = status;
            run.Reason = reason;
            if (status.IsTerminal())
            {
                run.FinishedAt = DateTimeOffset.UtcNow;
            }
            return true;
        });
        Signal();
        if (State.Status.IsTerminal())
        {
            // One-way: frees the run's place under the tenant's concurrent-runs limit.
            _ = GrainFactory.GetGrain<IRunRegistryGrain>(State.Tenant).FinishedAsync(this.GetPrimaryKeyString());
            try
            {
                await StopRemindingAsync();
            }
            catch (Exception exception)
            {
                // The next tick finds the run ended and unregisters then.
                logger.LogWarning(exception, "Run {RunId}: resume reminder not unregistered", this.GetPrimaryKeyString());
            }
        }
    }

    /// <summary>
    /// Writes a change through <see cref="StateWrites"/>. The progress reported since the last evaluation
    /// lives in memory only, so a re-read of the row keeps it.
    /// </summary>
    private async Task<bool> PersistAsync(string what, Func<RunState, bool> change)
    {
        var progress = State.LastProgress;
        var status = State.Status;
        try
        {
            return await StateWrites.WriteAsync(
                state,
                run =>
                {
                    run.LastProgress = progress ?? run.LastProgress;
                    return change(run);
                },
                $"Run {this.GetPrimaryKeyString()}: {what}",
                logger,
                DeactivateOnIdle);
        }
        finally
        {
            State.LastProgress = progress ?? State.LastProgress;
            if (State.Status != status)
            {
                // A re-read row showed another writer's transition.
                Signal();
            }
        }
    }

    /// <summary>Lists the run for its tenant; if that fails now, the next resume check lists it.</summary>
    private async Task EnsureListedAsync()
    {
        if (_listed)
        {
            return;
        }
        try
        {
            await GrainFactory.GetGrain<IRunRegistryGrain>(State.Tenant).AddAsync(this.GetPrimaryKeyString());
            _listed = true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Run {RunId}: not yet listed for its tenant; the next resume check lists it", this.GetPrimaryKeyString());
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
