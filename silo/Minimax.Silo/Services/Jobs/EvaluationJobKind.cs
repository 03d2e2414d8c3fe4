using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>An evaluation job (kind evaluation): its runs must be the caller's completed runs; the EvaluationReport of evaluations.proto.</summary>
public sealed class EvaluationJobKind : JobKind
{
    public override string Name => JobKinds.Evaluation;

    public override SpecKind SpecKind => SpecKind.Evaluation;

    public override string IdPrefix => "eval";

    public override async Task<Func<IGrainFactory, string, string, Task>> PrepareAsync(ParsedSpec parsed, JobContext context)
    {
        var spec = SubmitValidation.ValidateEvaluation(parsed, context.DataRoots);
        var registry = context.Grains.GetGrain<IJobRegistryGrain>(context.Tenant);
        var runs = new List<(string Field, RunSpec Run)>();
        for (var i = 0; i < spec.Models.Count; i++)
        {
            if (spec.Models[i].Run is not { } runId)
            {
                continue;
            }
            var field = $"models[{i}].run";
            var entry = await registry.FindAsync(runId);
            var run = entry is { Kind: JobKinds.Train } ? await context.Grains.GetGrain<IRunGrain>(runId).GetSnapshotAsync() : null;
            if (run is null || run.Tenant != context.Tenant)
            {
                throw SubmitValidation.Invalid(field, $"no run '{runId}'");
            }
            if (run.Status != JobStatus.Completed)
            {
                throw SubmitValidation.Invalid(field, $"run '{runId}' is {run.Status.ToWire()}, not completed: only a completed run has a final model");
            }
            if (run.Spec is { } runSpec)
            {
                runs.Add((field, runSpec));
            }
        }
        spec = spec with { Memory = WorkerMemoryCheck.Scoring(runs, spec.Data, context.DataRoots, context.Limits) };
        return (grains, id, tenant) => grains.GetGrain<IEvaluationGrain>(id).SubmitAsync(spec, tenant);
    }

    public override void Describe(JobDetail detail, JobReport report)
    {
        if (detail is EvaluationSnapshot snapshot)
        {
            report.Evaluation = EvaluationMapper.ToReport(snapshot);
        }
    }

    public override void Describe(JobDetail progress, JobInfo info, JobDetail? start, JobProgress target)
    {
        if (progress is EvaluationSnapshot snapshot)
        {
            target.Evaluation = new EvaluationProgress { Phase = snapshot.Phase, ModelsDone = snapshot.ModelsDone, ModelsTotal = snapshot.ModelsTotal };
        }
    }
}
