using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Runs;

/// <summary>
/// The user-facing side of a training run on the shared job lifecycle: progress history and the final
/// result. The coordinator trains and reports here, so GetRun and WatchRun never wait on training.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", "runs")] IPersistentState<RunState> state,
    JobServices services,
    ILogger<RunGrain> logger) : JobGrain<RunSpec, RunState>(state, services, logger), IRunGrain
{
    private const string ResultDocument = "result";
    // Records per watch event batch read from history: a watcher far behind catches up page by page.
    private const int WatchPage = 512;

    private ProgressLog? _log;
    private RunResult? _result;
    private long[] _trainGroupCounts = [];

    protected override string Kind => JobKinds.Train;

    private ProgressLog Log => _log ??= new ProgressLog(JobId, Documents);

    private ICoordinatorGrain Coordinator => GrainFactory.GetGrain<ICoordinatorGrain>(JobId);

    public async Task<RunSnapshot> SubmitAsync(RunSpec spec, string tenant, string? parent = null)
    {
        await SubmitJobAsync(spec, spec.Name, tenant, parent);
        return Snapshot();
    }

    public Task<RunSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task<RunSnapshot> CancelAsync()
    {
        await CancelJobAsync();
        return Snapshot();
    }

    public Task ResumeAsync() => ContinueJobAsync();

    public Task<IReadOnlyList<ProgressRecord>> GetHistoryAsync(int afterStep, int max) => Log.AfterAsync(afterStep, Math.Clamp(max, 1, 10_000));

    public Task MarkRunningAsync(IReadOnlyList<long> trainGroupCounts)
    {
        _trainGroupCounts = [.. trainGroupCounts];
        // In the row, not only in memory: a resumed or reactivated run keeps telling its watchers.
        var warnings = Spec is { } spec ? GroupCoverage.Warnings(spec, trainGroupCounts).ToArray() : [];
        return TransitionAsync(JobStatus.Running, null, run => run.Warnings = warnings);
    }

    public async Task ReportProgressAsync(ProgressRecord progress)
    {
        Log.Add(progress);
        Changed();
        if (Log.Full)
        {
            // Checkpoints far apart: the history goes to its documents early, so memory holds a few chunks, not all.
            await Log.FlushAsync(resumeStep: State.CheckpointStep + 1);
        }
    }

    public async Task CompleteAsync(RunResult result)
    {
        if (State.Status.IsTerminal())
        {
            return;
        }
        // The result is complete before the row says so.
        await Documents.WriteAsync(JobId, ResultDocument, result);
        // Shown only once the row has it (a terminal status another writer stored wins).
        _result = result;
        await TransitionAsync(JobStatus.Completed, null, run => run.HasResult = true);
    }

    public Task FailAsync(string reason) => TransitionAsync(JobStatus.Failed, reason);

    public Task MarkCancelledAsync(string reason) => TransitionAsync(JobStatus.Cancelled, reason);

    public async Task<string?> RecordCheckpointAsync(string checkpoint, int step)
    {
        // The history up to the checkpoint is durable before the run points to it.
        await Log.FlushAsync();
        var through = Log.Last?.Step ?? 0;
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
            run.HistoryThroughStep = Math.Max(run.HistoryThroughStep, through);
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

    protected override Task StartWorkAsync() => Coordinator.EnsureRunningAsync(Spec!, State.Tenant, State.Checkpoint);

    protected override Task<bool> CancelWorkAsync() => Coordinator.CancelAsync();

    protected override JobDetail Detail() => Snapshot();

    protected override bool Uses(string jobId) => Spec?.Reference?.Run == jobId;

    protected override (int Step, int Total) Progress() => (Log.Last?.Step ?? 0, Log.Last?.TotalSteps ?? 0);

    protected override async Task<IReadOnlyList<JobEvent>> EventsAfterAsync(int afterSequence)
    {
        var info = Info();
        var history = await Log.AfterAsync(afterSequence, WatchPage);
        // A watcher that has seen nothing yet gets the run's warnings with its first step.
        return [.. history.Select((progress, i) => new JobEvent(
            progress.Step, info, i == 0 && afterSequence == 0 && State.Warnings.Length > 0 ? progress with { Warnings = State.Warnings } : progress, null))];
    }

    protected override async Task OnLoadedAsync()
    {
        // A reactivated run (its silo died) shows the progress and result kept in its documents.
        try
        {
            await Log.LoadAsync(State.HistoryThroughStep);
            if (State.HasResult)
            {
                _result = await Documents.ReadAsync<RunResult>(JobId, ResultDocument);
                _trainGroupCounts = [.. _result?.TrainGroupCounts ?? []];
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logger.LogWarning(exception, "Run {RunId}: documents unreadable", JobId);
        }
    }

    protected override async Task OnEndingAsync()
    {
        await Log.FlushAsync();
        var through = Log.Last?.Step ?? 0;
        if (through > State.HistoryThroughStep)
        {
            await PersistAsync("history", run =>
            {
                run.HistoryThroughStep = Math.Max(run.HistoryThroughStep, through);
                return true;
            });
        }
    }

    private RunSnapshot Snapshot()
    {
        var info = Info();
        return new RunSnapshot(
            JobId,
            Spec,
            State.Status,
            State.Reason,
            Log.Last,
            State.HasResult ? _result : null,
            info.WallSeconds,
            State.HasResult && _result is { } result ? result.TrainGroupCounts : _trainGroupCounts,
            State.Tenant,
            Math.Max(0, State.WorkerGeneration - 1),
            State.CoordinatorSilo,
            State.WorkerSilos,
            State.Parent,
            State.Warnings);
    }
}
