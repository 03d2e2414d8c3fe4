using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Runs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Mixtures;

/// <summary>
/// Drives a DoReMi mixture job: per round a reference run (ERM on the reference weights) and a proxy
/// run (the DoReMi rule against that reference), then optionally a main run on the averaged weights and
/// a baseline run on the reference weights. Every stage is an ordinary run, visible, watchable and
/// cancellable on its own. Stage run ids are deterministic, so a pipeline resumed by the reminder after
/// a silo loss finds the runs it started and carries on.
/// </summary>
public sealed class MixtureGrain(
    [PersistentState("mixture", "runs")] IPersistentState<MixtureState> state,
    IOptions<RunRecoveryOptions> recovery,
    ILogger<MixtureGrain> logger) : Grain, IMixtureGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private static readonly TimeSpan StagePoll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AdmissionRetry = TimeSpan.FromSeconds(5);

    // Concurrent stages (main and baseline) must not interleave two writes of the same row.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Dictionary<string, MixtureStageRecord> _live = [];
    private TaskCompletionSource _changed = NewSignal();
    private Task? _pipeline;
    private bool _deactivated;
    private int _version;

    private MixtureState State => state.State;

    private string JobId => this.GetPrimaryKeyString();

    public async Task<MixtureSnapshot> SubmitAsync(MixtureSpec spec, string tenant, int maxConcurrentRuns)
    {
        if (State.Spec is not null)
        {
            return Snapshot();
        }
        await this.RegisterOrUpdateReminder(ResumeReminder, recovery.Value.ResumeCheckPeriod, recovery.Value.ResumeCheckPeriod);
        var created = await PersistAsync("submit", job =>
        {
            if (job.Spec is not null)
            {
                return false;
            }
            job.Spec = spec;
            job.Tenant = tenant;
            job.MaxConcurrentRuns = maxConcurrentRuns;
            job.Status = RunStatus.Pending;
            job.SubmittedAt = DateTimeOffset.UtcNow;
            return true;
        });
        if (created)
        {
            EnsureDriving();
        }
        return Snapshot();
    }

    public Task<MixtureSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task<MixtureSnapshot> WatchAsync(int afterVersion, TimeSpan maxWait)
    {
        if (State.Spec is not null && !State.Status.IsTerminal() && _version <= afterVersion)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(maxWait));
        }
        return Snapshot();
    }

    public async Task<MixtureSnapshot> CancelAsync()
    {
        if (State.Spec is null || State.Status.IsTerminal())
        {
            return Snapshot();
        }
        await PersistAsync("cancel request", job => !job.CancelRequested && (job.CancelRequested = true));
        await CancelStagesAsync();
        if (_pipeline is null)
        {
            await TransitionAsync(RunStatus.Cancelled, "cancelled by request");
        }
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Spec is null || State.Status.IsTerminal())
        {
            await StopRemindingAsync();
            return;
        }
        EnsureDriving();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        return Task.CompletedTask;
    }

    private void EnsureDriving()
    {
        if (_pipeline is null)
        {
            DelayDeactivation(TimeSpan.FromDays(30));
            _pipeline = DriveAsync();
        }
    }

    private async Task DriveAsync()
    {
        try
        {
            await TransitionAsync(RunStatus.Running, null);
            if (await RoundsAsync() && State.Spec!.DoReMi.Main && !await CompareAsync())
            {
                return;
            }
            await TransitionAsync(RunStatus.Completed, null);
        }
        catch (Exception exception) when (_deactivated || RunStateCalls.IsWriteFailure(exception))
        {
            logger.LogWarning(exception, "Mixture {JobId}: pipeline interrupted; the resume reminder continues it", JobId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Mixture {JobId} failed", JobId);
            await TransitionAsync(RunStatus.Failed, FailureReason.Describe(exception));
        }
        finally
        {
            _pipeline = null;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>Stages 1 and 2 of every round; false when a stage did not complete (the job has ended).</summary>
    private async Task<bool> RoundsAsync()
    {
        var spec = State.Spec!;
        var referenceWeights = spec.DoReMi.ReferenceWeights;
        for (var round = 1; round <= spec.DoReMi.Rounds; round++)
        {
            if (State.Rounds.FirstOrDefault(done => done.Round == round) is { } finished)
            {
                referenceWeights = MixtureStages.Named(State.Domains, finished.DomainWeights);
                continue;
            }
            var referenceId = MixtureStages.RunId(JobId, MixtureStages.Reference, round);
            if (await RunStageAsync(MixtureStages.Reference, round, referenceId, MixtureStages.ReferenceRun(spec, round, referenceWeights)) is not { } reference)
            {
                return false;
            }
            var proxyId = MixtureStages.RunId(JobId, MixtureStages.Proxy, round);
            if (await RunStageAsync(MixtureStages.Proxy, round, proxyId, MixtureStages.ProxyRun(spec, round, referenceId)) is not { } proxy)
            {
                return false;
            }
            var domains = reference.Result.GroupNames?.ToArray() ?? [];
            var record = new MixtureRoundRecord(
                round,
                reference.Result.SamplingWeights?.ToArray() ?? [],
                proxy.Result.GroupWeights.ToArray(),
                MixtureResults.Trajectory(proxy.History));
            await PersistAsync($"round {round}", job =>
            {
                job.Domains = domains;
                job.Rounds.RemoveAll(done => done.Round == round);
                // Only the last round's trajectory is reported; earlier ones would only grow the row.
                job.Rounds = [.. job.Rounds.Select(done => done with { Trajectory = [] }), record];
                return true;
            });
            Signal();
            referenceWeights = MixtureStages.Named(domains, record.DomainWeights);
        }
        return true;
    }

    /// <summary>Stage 3: main and baseline side by side, then the per-domain comparison.</summary>
    private async Task<bool> CompareAsync()
    {
        var spec = State.Spec!;
        var rounds = spec.DoReMi.Rounds;
        var newWeights = MixtureStages.Named(State.Domains, State.Rounds[^1].DomainWeights);
        var referenceWeights = MixtureStages.Named(State.Domains, State.Rounds[0].ReferenceWeights);
        var main = RunStageAsync(MixtureStages.Main, rounds, MixtureStages.RunId(JobId, MixtureStages.Main, rounds),
            MixtureStages.ComparisonRun(spec, MixtureStages.Main, newWeights));
        var baseline = RunStageAsync(MixtureStages.Baseline, rounds, MixtureStages.RunId(JobId, MixtureStages.Baseline, rounds),
            MixtureStages.ComparisonRun(spec, MixtureStages.Baseline, referenceWeights));
        await Task.WhenAll(main, baseline);
        if (await main is not { } mainRun || await baseline is not { } baselineRun)
        {
            return false;
        }
        var domains = State.Domains.Length;
        var baselineFinal = MixtureResults.Perplexity(baselineRun.Result.Test!, domains);
        var mainCurve = MixtureResults.Curve(mainRun.History, domains);
        var comparison = new MixtureComparison(
            MixtureResults.Perplexity(mainRun.Result.Test!, domains),
            baselineFinal,
            MixtureResults.StepsToBaseline(mainCurve, baselineFinal.Average),
            MixtureResults.Thin(mainCurve),
            MixtureResults.Thin(MixtureResults.Curve(baselineRun.History, domains)));
        await PersistAsync("comparison", job =>
        {
            job.Comparison = comparison;
            return true;
        });
        return true;
    }

    /// <summary>
    /// Submits (or finds) one stage run and follows it to its end. Null when it did not complete: the job
    /// then ends the same way and its other stages are cancelled.
    /// </summary>
    private async Task<CompletedStage?> RunStageAsync(string stage, int round, string runId, RunSpec spec)
    {
        if (State.CancelRequested)
        {
            await TransitionAsync(RunStatus.Cancelled, "cancelled by request");
            return null;
        }
        await RecordStageAsync(new MixtureStageRecord(stage, round, runId, RunStatus.Pending, 0, spec.Training.Steps ?? 0));
        var run = GrainFactory.GetGrain<IRunGrain>(runId);
        if (!await AdmitAsync(runId))
        {
            await TransitionAsync(RunStatus.Cancelled, "cancelled by request");
            return null;
        }
        var snapshot = await run.SubmitAsync(spec, State.Tenant);
        var history = new List<ProgressRecord>();
        var after = 0;
        while (!snapshot.Status.IsTerminal())
        {
            if (_deactivated)
            {
                throw new OperationCanceledException("the mixture activation ended");
            }
            var updates = await run.WatchAsync(after, StagePoll);
            // Only steps after `after` come back, so a replay after a resume never repeats one.
            history.AddRange(updates.Progress);
            after = updates.NextSequence;
            snapshot = updates.Snapshot;
            ShowLive(stage, round, runId, snapshot);
        }
        if (history.Count == 0 || history[^1].Step < (snapshot.Result?.Steps ?? 0))
        {
            // Watched from the start, so this only happens when the run finished before we looked: read all of it.
            history = [.. (await run.WatchAsync(0, TimeSpan.Zero)).Progress];
        }
        var last = snapshot.LastProgress;
        await RecordStageAsync(new MixtureStageRecord(stage, round, runId, snapshot.Status, last?.Step ?? 0, last?.TotalSteps ?? spec.Training.Steps ?? 0));
        if (snapshot is { Status: RunStatus.Completed, Result: { } result })
        {
            return new CompletedStage(result, history);
        }
        var ending = snapshot.Status == RunStatus.Cancelled || State.CancelRequested ? RunStatus.Cancelled : RunStatus.Failed;
        await TransitionAsync(ending, $"{stage} run {runId} {snapshot.Status.ToString().ToLowerInvariant()}: {snapshot.Reason}");
        await CancelStagesAsync();
        return null;
    }

    /// <summary>
    /// Waits for a place under the tenant's concurrent-runs limit, as a submitted run would be refused
    /// without one; false when the job was cancelled meanwhile. Admitting an admitted run is a no-op.
    /// </summary>
    private async Task<bool> AdmitAsync(string runId)
    {
        var registry = GrainFactory.GetGrain<IRunRegistryGrain>(State.Tenant);
        while (await registry.AdmitAsync(runId, State.MaxConcurrentRuns) is not null)
        {
            if (_deactivated)
            {
                throw new OperationCanceledException("the mixture activation ended");
            }
            if (State.CancelRequested)
            {
                return false;
            }
            // Capacity frees when another of the tenant's runs ends; no event reaches this grain for it.
            await Task.Delay(AdmissionRetry);
        }
        return true;
    }

    private void ShowLive(string stage, int round, string runId, RunSnapshot snapshot)
    {
        _live[runId] = new MixtureStageRecord(
            stage, round, runId, snapshot.Status, snapshot.LastProgress?.Step ?? 0, snapshot.LastProgress?.TotalSteps ?? 0);
        Signal();
    }

    private async Task RecordStageAsync(MixtureStageRecord record)
    {
        _live.Remove(record.RunId);
        await PersistAsync($"{record.Stage} stage {record.Status}", job =>
        {
            var index = job.Stages.FindIndex(existing => existing.RunId == record.RunId);
            if (index >= 0 && job.Stages[index] == record)
            {
                return false;
            }
            if (index >= 0)
            {
                job.Stages[index] = record;
            }
            else
            {
                job.Stages.Add(record);
            }
            return true;
        });
        Signal();
    }

    private async Task CancelStagesAsync()
    {
        foreach (var stage in State.Stages.Where(stage => !stage.Status.IsTerminal()))
        {
            try
            {
                await GrainFactory.GetGrain<IRunGrain>(stage.RunId).CancelAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Mixture {JobId}: stage run {RunId} not cancelled", JobId, stage.RunId);
            }
        }
    }

    private async Task TransitionAsync(RunStatus status, string? reason)
    {
        if (State.Status.IsTerminal())
        {
            return;
        }
        await PersistAsync(status.ToString(), job =>
        {
            if (job.Status.IsTerminal() || job.Status == status)
            {
                return false;
            }
            job.Status = status;
            job.Reason = reason;
            if (status.IsTerminal())
            {
                job.FinishedAt = DateTimeOffset.UtcNow;
            }
            return true;
        });
        Signal();
        if (State.Status.IsTerminal())
        {
            try
            {
                await StopRemindingAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Mixture {JobId}: resume reminder not unregistered", JobId);
            }
        }
    }

    private async Task<bool> PersistAsync(string what, Func<MixtureState, bool> change)
    {
        await _writes.WaitAsync();
        try
        {
            return await StateWrites.WriteAsync(state, change, $"Mixture {JobId}: {what}", logger, DeactivateOnIdle);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task StopRemindingAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void Signal()
    {
        _version++;
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MixtureSnapshot Snapshot()
    {
        var end = State.FinishedAt ?? DateTimeOffset.UtcNow;
        var wall = State.SubmittedAt is { } start ? (end - start).TotalSeconds : 0;
        var stages = State.Stages.Select(stage => _live.GetValueOrDefault(stage.RunId) ?? stage).ToArray();
        return new MixtureSnapshot(
            JobId, State.Spec, State.Tenant, State.Status, State.Reason, _version, State.Domains, stages, [.. State.Rounds], State.Comparison, wall);
    }

    private sealed record CompletedStage(RunResult Result, IReadOnlyList<ProgressRecord> History);
}
