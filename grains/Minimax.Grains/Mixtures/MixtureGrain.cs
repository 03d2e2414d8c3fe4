using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Runs;
using Minimax.Grains.Training;

namespace Minimax.Grains.Mixtures;

/// <summary>
/// Drives a DoReMi mixture job: per round a reference run (ERM on the reference weights) and a proxy
/// run (the DoReMi rule against that reference), then optionally a main run on the averaged weights and
/// a baseline run on the reference weights. Every stage is an ordinary run with this job as its parent:
/// listed, watchable and cancellable on its own, running under the job's admission. Stage run ids are
/// deterministic, so a pipeline resumed by the reminder after a silo loss finds the runs it started.
/// </summary>
public sealed class MixtureGrain(
    [PersistentState("mixture", "runs")] IPersistentState<MixtureState> state,
    JobServices services,
    ILogger<MixtureGrain> logger) : ParentJobGrain<MixtureSpec, MixtureState>(state, services, logger), IMixtureGrain
{
    private const string ResultDocument = "result";

    private readonly Dictionary<string, MixtureStageRecord> _live = [];
    private MixtureResult _result = MixtureResult.Empty;

    protected override string Kind => JobKinds.DoReMi;

    public async Task<MixtureSnapshot> SubmitAsync(MixtureSpec spec, string tenant)
    {
        await SubmitJobAsync(spec, spec.Name, tenant, null);
        return Snapshot();
    }

    public Task<MixtureSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task<MixtureSnapshot> CancelAsync()
    {
        await CancelJobAsync();
        return Snapshot();
    }

    protected override JobDetail Detail() => Snapshot();

    protected override Task<JobDeletion> DeleteChildrenAsync() => Children.DeleteAsync(State.Stages.Select(stage => stage.RunId), "stage run");

    protected override (int Step, int Total) Progress()
    {
        var stages = Stages();
        return (stages.Sum(stage => stage.Step), stages.Sum(stage => stage.TotalSteps));
    }

    protected override async Task OnLoadedAsync()
    {
        if (State.RoundsDone > 0 || State.Compared)
        {
            _result = await Documents.ReadAsync<MixtureResult>(JobId, ResultDocument) ?? MixtureResult.Empty;
        }
    }

    protected override async Task RunPipelineAsync()
    {
        await TransitionAsync(JobStatus.Running, null);
        if (await RoundsAsync() && Spec!.DoReMi.Main && !await CompareAsync())
        {
            return;
        }
        await TransitionAsync(JobStatus.Completed, null);
    }

    /// <summary>Stages 1 and 2 of every round; false when a stage did not complete (the job has ended).</summary>
    private async Task<bool> RoundsAsync()
    {
        var spec = Spec!;
        var referenceWeights = spec.DoReMi.ReferenceWeights;
        for (var round = 1; round <= spec.DoReMi.Rounds; round++)
        {
            if (_result.Rounds.FirstOrDefault(done => done.Round == round) is { } finished)
            {
                referenceWeights = MixtureStages.Named(_result.Domains, finished.DomainWeights);
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
            var record = new MixtureRoundRecord(
                round,
                reference.Result.SamplingWeights?.ToArray() ?? [],
                proxy.Result.GroupWeights.ToArray(),
                (await RunHistory.FoldAsync(GrainFactory.GetGrain<IRunGrain>(proxyId), new WeightTrajectory(proxy.Result.Steps))).Points);
            // Only the last round's trajectory is reported.
            var rounds = _result.Rounds.Where(done => done.Round != round).Select(done => done with { Trajectory = [] }).Append(record).ToArray();
            await SaveResultAsync(_result with { Domains = reference.Result.GroupNames?.ToArray() ?? [], Rounds = rounds }, job => job.RoundsDone = round);
            referenceWeights = MixtureStages.Named(_result.Domains, record.DomainWeights);
        }
        return true;
    }

    /// <summary>Stage 3: main and baseline side by side, then the per-domain comparison.</summary>
    private async Task<bool> CompareAsync()
    {
        var spec = Spec!;
        var rounds = spec.DoReMi.Rounds;
        var newWeights = MixtureStages.Named(_result.Domains, _result.Rounds[^1].DomainWeights);
        var referenceWeights = MixtureStages.Named(_result.Domains, _result.Rounds[0].ReferenceWeights);
        var mainId = MixtureStages.RunId(JobId, MixtureStages.Main, rounds);
        var baselineId = MixtureStages.RunId(JobId, MixtureStages.Baseline, rounds);
        var main = RunStageAsync(MixtureStages.Main, rounds, mainId, MixtureStages.ComparisonRun(spec, MixtureStages.Main, newWeights));
        var baseline = RunStageAsync(MixtureStages.Baseline, rounds, baselineId, MixtureStages.ComparisonRun(spec, MixtureStages.Baseline, referenceWeights));
        await Task.WhenAll(main, baseline);
        if (await main is not { } mainRun || await baseline is not { } baselineRun)
        {
            return false;
        }
        var domains = _result.Domains.Count;
        var baselineFinal = MixtureResults.Perplexity(baselineRun.Result.Test!, domains);
        var mainCurve = await RunHistory.FoldAsync(GrainFactory.GetGrain<IRunGrain>(mainId), new PerplexityCurve(domains, baselineFinal.Average));
        var comparison = new MixtureComparison(
            MixtureResults.Perplexity(mainRun.Result.Test!, domains),
            baselineFinal,
            mainCurve.StepAtOrBelowTarget,
            mainCurve.Points,
            (await RunHistory.FoldAsync(GrainFactory.GetGrain<IRunGrain>(baselineId), new PerplexityCurve(domains))).Points);
        await SaveResultAsync(_result with { Comparison = comparison }, job => job.Compared = true);
        return true;
    }

    /// <summary>
    /// Submits (or finds) one stage run and follows its pushed events to its end. Null when it did not
    /// complete: the job then ends the same way and its other stages are cancelled.
    /// </summary>
    private async Task<CompletedStage?> RunStageAsync(string stage, int round, string runId, RunSpec spec)
    {
        if (State.CancelRequested)
        {
            await TransitionAsync(JobStatus.Cancelled, "cancelled by request");
            return null;
        }
        await RecordStageAsync(new MixtureStageRecord(stage, round, runId, JobStatus.Pending, 0, spec.Training.Steps ?? 0));
        var snapshot = await Children.RunAsync(runId, spec, State.Tenant, update =>
        {
            ShowLive(new MixtureStageRecord(stage, round, runId, update.Info.Status, update.Info.Step, update.Info.TotalSteps));
            return Task.CompletedTask;
        });
        var last = snapshot.LastProgress;
        await RecordStageAsync(new MixtureStageRecord(stage, round, runId, snapshot.Status, last?.Step ?? 0, last?.TotalSteps ?? spec.Training.Steps ?? 0));
        if (snapshot is { Status: JobStatus.Completed, Result: { } result })
        {
            return new CompletedStage(result);
        }
        var ending = snapshot.Status == JobStatus.Cancelled || State.CancelRequested ? JobStatus.Cancelled : JobStatus.Failed;
        await TransitionAsync(ending, $"{stage} run {runId} {snapshot.Status.ToWire()}: {snapshot.Reason}");
        await CancelChildrenAsync();
        return null;
    }

    private async Task SaveResultAsync(MixtureResult result, Action<MixtureState> record)
    {
        // The document is complete before the row counts it.
        await Documents.WriteAsync(JobId, ResultDocument, result);
        _result = result;
        await PersistAsync("result", job =>
        {
            record(job);
            return true;
        });
        Changed();
    }

    private void ShowLive(MixtureStageRecord record)
    {
        _live[record.RunId] = record;
        Changed();
    }

    private async Task RecordStageAsync(MixtureStageRecord record)
    {
        _live.Remove(record.RunId);
        await PersistAsync($"{record.Stage} stage {record.Status}", job => job.Record(record));
        Changed();
    }

    protected override Task CancelChildrenAsync() => Children.CancelAsync(State.Stages.Where(stage => !stage.Status.IsTerminal()).Select(stage => stage.RunId));


    private MixtureStageRecord[] Stages() => [.. State.Stages.Select(stage => _live.GetValueOrDefault(stage.RunId) ?? stage)];

    private MixtureSnapshot Snapshot()
    {
        var info = Info();
        return new MixtureSnapshot(
            JobId, Spec, State.Tenant, State.Status, State.Reason, Version, [.. _result.Domains], Stages(), [.. _result.Rounds], _result.Comparison, info.WallSeconds);
    }

    private sealed record CompletedStage(RunResult Result);
}
