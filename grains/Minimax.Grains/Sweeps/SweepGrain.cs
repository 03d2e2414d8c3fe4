using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Sweeps;

/// <summary>
/// Drives a sweep: every trial of the grid is an ordinary run with this job as its parent (listed,
/// watchable and cancellable on its own, running under the sweep's admission), at most
/// <see cref="SweepSpec.Parallel"/> at once, in spec order. A trial that fails does not stop the others;
/// the sweep completes when at least one trial completed. Trial run ids are deterministic, so a sweep
/// resumed by its reminder after a silo loss follows the trials it started and starts the rest.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", "runs")] IPersistentState<SweepState> state,
    JobServices services,
    ILogger<SweepGrain> logger) : ParentJobGrain<SweepSpec, SweepState>(state, services, logger), ISweepGrain
{
    private readonly Dictionary<string, SweepTrialRecord> _live = [];
    // Trials that end together must not interleave two writes of the document.
    private readonly SemaphoreSlim _saves = new(1, 1);
    private SweepRecords _records = new();

    protected override string Kind => JobKinds.Sweep;

    public async Task<SweepSnapshot> SubmitAsync(SweepSpec spec, string tenant)
    {
        await SubmitJobAsync(spec, spec.Name, tenant, null);
        return Snapshot();
    }

    public Task<SweepSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    protected override JobDetail Detail() => Snapshot();

    /// <summary>Progress without the spec (every trial's run spec): a watcher has it from the view it started with.</summary>
    protected override Task<IReadOnlyList<JobEvent>> EventsAfterAsync(int afterSequence) =>
        Task.FromResult<IReadOnlyList<JobEvent>>(Version > afterSequence ? [new JobEvent(Version, Info(), Snapshot() with { Spec = null }, null)] : []);

    protected override Task<JobDeletion> DeleteChildrenAsync() => Children.DeleteAsync(_records.Trials.Select(trial => trial.RunId), "trial run");

    protected override (int Step, int Total) Progress()
    {
        var trials = Spec is null ? [] : SweepTrials.Records(JobId, Spec, Trials());
        return (trials.Sum(trial => trial.Step), trials.Sum(trial => trial.TotalSteps));
    }

    protected override async Task RunPipelineAsync()
    {
        await TransitionAsync(JobStatus.Running, null);
        using var slots = new SemaphoreSlim(Spec!.Parallel);
        await Task.WhenAll(SweepTrials.All(Spec).Select(trial => RunTrialAsync(slots, trial.Configuration, trial.Trial, trial.Spec)));
        await EndAsync();
    }

    private async Task EndAsync()
    {
        if (State.CancelRequested)
        {
            await TransitionAsync(JobStatus.Cancelled, "cancelled by request");
            return;
        }
        var completed = _records.Trials.Count(trial => trial.Status == JobStatus.Completed);
        if (completed > 0)
        {
            var stopped = _records.Trials.Count(trial => trial.Stopped);
            var failed = _records.Trials.Count - completed - stopped;
            string[] notes = [.. new[] { (stopped, "stopped early"), (failed, "did not complete") }.Where(note => note.Item1 > 0).Select(note => $"{note.Item1} of {_records.Trials.Count} trials {note.Item2}")];
            await TransitionAsync(JobStatus.Completed, notes.Length > 0 ? string.Join("; ", notes) : null);
            return;
        }
        var first = _records.Trials.FirstOrDefault(trial => trial.Status != JobStatus.Completed);
        await TransitionAsync(JobStatus.Failed, first is null ? "no trial ran" : $"no trial completed; trial run {first.RunId} {first.Status.ToWire()}: {first.Reason}");
    }

    /// <summary>Runs one trial when a slot is free, unless it ended already (a resumed sweep) or the sweep is being cancelled.</summary>
    private async Task RunTrialAsync(SemaphoreSlim slots, int configuration, int index, SweepTrialSpec trial)
    {
        var runId = SweepTrials.RunId(JobId, configuration, index);
        if (_records.Trials.FirstOrDefault(record => record.RunId == runId) is { } done && done.Status.IsTerminal())
        {
            return;
        }
        await slots.WaitAsync();
        try
        {
            if (State.CancelRequested || Deactivated)
            {
                return;
            }
            var steps = trial.Run.Training.Steps ?? 0;
            await RecordAsync(new SweepTrialRecord(configuration, index, runId, JobStatus.Pending, 0, steps));
            var snapshot = await Children.RunAsync(runId, trial.Run, State.Tenant, update => OnTrialEventAsync(configuration, index, runId, update));
            var last = snapshot.LastProgress;
            var stop = snapshot.Status == JobStatus.Cancelled ? _records.Rungs.FirstOrDefault(rung => rung.RunId == runId && rung.Stopped) : null;
            await RecordAsync(new SweepTrialRecord(
                configuration,
                index,
                runId,
                snapshot.Status,
                last?.Step ?? 0,
                last?.TotalSteps ?? steps,
                stop is null ? snapshot.Reason : StopReason(stop),
                snapshot is { Status: JobStatus.Completed, Result: { } result } ? SweepTrialMetrics.Of(result) : null,
                Stopped: stop is not null));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Shows the trial's progress, and at its first evaluation past a rung of <c>early_stop</c> (progress carries the
    /// latest evaluation, so the evaluation's own step decides) records it there and stops it if it falls behind.
    /// </summary>
    private async Task OnTrialEventAsync(int configuration, int index, string runId, JobEvent update)
    {
        ShowLive(new SweepTrialRecord(configuration, index, runId, update.Info.Status, update.Info.Step, update.Info.TotalSteps));
        if (Spec!.EarlyStop is not { } earlyStop || update.Progress is not ProgressRecord { Val: { } val } progress
            || SuccessiveHalving.Decide(earlyStop, Spec.Metric, progress.TotalSteps, val.Step, SweepMetrics.Of(val, Spec.Metric), runId, _records.Rungs) is not { } decision)
        {
            return;
        }
        var record = new SweepRungRecord(decision.Rung, runId, SweepMetrics.Of(val, Spec.Metric), decision.Cutoff, decision.Stop);
        if (_records.Record(record))
        {
            await SaveAsync();
        }
        if (decision.Stop)
        {
            Logger.LogInformation("Sweep {JobId}: {Reason}", JobId, StopReason(record));
            await GrainFactory.GetGrain<IRunGrain>(runId).CancelJobAsync();
        }
    }

    private string StopReason(SweepRungRecord rung) =>
        $"stopped early at rung {rung.Rung}: {SpecNames.Of(Spec!.Metric)} {rung.Value:G4} is {(SweepMetrics.LowerIsBetter(Spec.Metric) ? "above" : "below")} the rung's cutoff {rung.Cutoff:G4}";

    private void ShowLive(SweepTrialRecord record)
    {
        _live[record.RunId] = record;
        Changed();
    }

    private async Task RecordAsync(SweepTrialRecord record)
    {
        _live.Remove(record.RunId);
        if (_records.Record(record))
        {
            await SaveAsync();
        }
        Changed();
    }

    private async Task SaveAsync()
    {
        await _saves.WaitAsync();
        try
        {
            await Documents.WriteAsync(JobId, SweepRecords.Document, _records.Copy());
        }
        finally
        {
            _saves.Release();
        }
    }

    protected override async Task OnLoadedAsync() =>
        _records = await Documents.ReadAsync<SweepRecords>(JobId, SweepRecords.Document) ?? new SweepRecords();

    protected override Task CancelChildrenAsync() => Children.CancelAsync(Trials().Where(trial => !trial.Status.IsTerminal()).Select(trial => trial.RunId));


    private SweepTrialRecord[] Trials() => [.. _records.Trials.Select(trial => _live.GetValueOrDefault(trial.RunId) ?? trial)];

    private SweepSnapshot Snapshot() => new(JobId, Spec, State.Tenant, State.Status, State.Reason, Trials(), Info().WallSeconds);
}
