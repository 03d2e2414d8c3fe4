using Microsoft.Extensions.Logging;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Telemetry;
using Minimax.Grains.Tenants;
using Minimax.Grains.Training;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// An evaluation job: checks its runs, fans scoring out to <see cref="IEvaluationWorkerGrain"/>s over data
/// shards (one call per model and shard), merges their per-group counts and row predictions, scores
/// predictions files against the same rows, then summarises each model and compares it with the base.
/// A resumed job (after a silo loss) scores again from the start: scoring is deterministic.
/// </summary>
public sealed class EvaluationGrain(
    [PersistentState("evaluation", "runs")] IPersistentState<EvaluationState> state,
    JobServices services,
    TenantDataRoots dataRoots,
    ILogger<EvaluationGrain> logger) : JobGrain<EvaluationSpec, EvaluationState>(state, services, logger), IEvaluationGrain
{
    /// <summary>Data shards scored side by side; each worker call scores one model on one shard.</summary>
    public const int Shards = 2;

    private const string ResultDocument = "result";

    private EvaluationResult? _result;
    private string _phase = "pending";
    private int _modelsDone;
    private Task? _work;

    protected override string Kind => JobKinds.Evaluation;

    public async Task<EvaluationSnapshot> SubmitAsync(EvaluationSpec spec, string tenant)
    {
        await SubmitJobAsync(spec, spec.Name, tenant, null);
        return Snapshot();
    }

    public Task<EvaluationSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    protected override Task StartWorkAsync()
    {
        if (_work is null)
        {
            DelayDeactivation(TimeSpan.FromDays(1));
            _work = EvaluateAsync();
        }
        return Task.CompletedTask;
    }

    protected override Task<bool> CancelWorkAsync() => Task.FromResult(_work is not null);

    protected override JobDetail Detail() => Snapshot();

    protected override (int Step, int Total) Progress() => (_modelsDone, Spec?.Models.Count ?? 0);

    protected override bool Uses(string jobId) => Spec?.Models.Any(model => model.Run == jobId) == true;

    protected override async Task OnLoadedAsync()
    {
        if (State.HasResult)
        {
            _result = await Documents.ReadAsync<EvaluationResult>(JobId, ResultDocument);
            _phase = "done";
        }
    }

    private async Task EvaluateAsync()
    {
        try
        {
            await TransitionAsync(JobStatus.Running, null);
            var spec = Spec!;
            Phase("scoring");
            var runs = await RunsOfAsync(spec);
            var (table, scored) = await ScoreAsync(spec, runs);
            if (State.CancelRequested)
            {
                await TransitionAsync(JobStatus.Cancelled, "cancelled by request");
                return;
            }
            var models = spec.Models.Select(model => model.Run is null
                ? PredictionModels.Score(model, table, spec, dataRoots.For(State.Tenant))
                : scored[model.Name]).ToArray();
            _modelsDone = spec.Models.Count;
            Phase("comparing");
            var result = new EvaluationResult(
                table.Labels.Length > 0 ? table.Labels.Length : models[0].Counts.Sum(),
                table.GroupNames,
                [.. models.Select(model => ModelSummaries.Summarize(model, table, spec.CommonCounter, spec.Data.IsText))],
                spec.Compare is { } compare ? Comparisons.Compare(models, table, compare) : []);
            // The document is complete before the row says the job has it.
            await Documents.WriteAsync(JobId, ResultDocument, result);
            _result = result;
            _phase = "done";
            await TransitionAsync(JobStatus.Completed, null, job => job.HasResult = true);
        }
        catch (Exception exception) when (RunStateCalls.IsTransientWriteFailure(exception))
        {
            Logger.LogWarning(exception, "Evaluation {JobId}: interrupted; the resume reminder continues it", JobId);
        }
        catch (Exception exception)
        {
            Logger.LogWarning(exception, "Evaluation {JobId} failed", JobId);
            await TransitionAsync(JobStatus.Failed, FailureReason.Describe(exception));
        }
        finally
        {
            _work = null;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>The spec of every run model, which must be a completed run of the job's own tenant.</summary>
    private async Task<IReadOnlyList<ScoredModel>> RunsOfAsync(EvaluationSpec spec)
    {
        var runs = new List<ScoredModel>();
        for (var i = 0; i < spec.Models.Count; i++)
        {
            if (spec.Models[i].Run is not { } runId)
            {
                continue;
            }
            var run = await GrainFactory.GetGrain<IRunGrain>(runId).GetSnapshotAsync();
            if (run.Spec is null || run.Tenant != State.Tenant)
            {
                throw new ArgumentException($"models[{i}].run: no run '{runId}'");
            }
            if (run.Status != JobStatus.Completed)
            {
                throw new ArgumentException($"models[{i}].run: run '{runId}' is {run.Status.ToWire()}, not completed");
            }
            runs.Add(new ScoredModel(spec.Models[i].Name, runId, run.Spec));
        }
        return runs;
    }

    /// <summary>Every run model on every shard, one worker call each; the rows come from the first shard calls.</summary>
    private async Task<(EvaluationTable Table, Dictionary<string, ModelTally> Models)> ScoreAsync(EvaluationSpec spec, IReadOnlyList<ScoredModel> runs)
    {
        var workers = Enumerable.Range(0, Shards).Select(shard => GrainFactory.GetGrain<IEvaluationWorkerGrain>($"{JobId}/{shard}")).ToArray();
        var perModel = new Dictionary<string, ShardScores[]>();
        if (runs.Count == 0)
        {
            perModel[""] = await Task.WhenAll(workers.Select((worker, shard) => worker.ScoreAsync(spec, State.Tenant, shard, Shards, [])));
        }
        foreach (var run in runs)
        {
            if (State.CancelRequested)
            {
                break;
            }
            using (var span = MinimaxTracing.StartPhase("evaluate", JobId))
            {
                span?.SetTag("minimax.model", run.Name);
                perModel[run.Name] = await Task.WhenAll(workers.Select((worker, shard) => worker.ScoreAsync(spec, State.Tenant, shard, Shards, [run])));
            }
            _modelsDone++;
            Changed();
        }
        var table = EvaluationTable.Merge(perModel.Values.First());
        var models = runs.Where(run => perModel.ContainsKey(run.Name)).ToDictionary(
            run => run.Name,
            run => ModelTally.FromShards(run.Name, run.RunId, table, [.. perModel[run.Name].Select(shard => (shard, shard.Models.Single()))]));
        return (table, models);
    }

    private void Phase(string phase)
    {
        _phase = phase;
        Changed();
    }

    private EvaluationSnapshot Snapshot() =>
        new(JobId, Spec, State.Status, _phase, _modelsDone, Spec?.Models.Count ?? 0, State.HasResult ? _result : null);
}
