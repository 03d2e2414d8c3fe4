using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>A training run (kind train): the RunReport and RunProgress of minimax.v1.Runs.</summary>
public sealed class TrainJobKind : JobKind
{
    public override string Name => JobKinds.Train;

    public override SpecKind SpecKind => SpecKind.Train;

    public override string IdPrefix => "run";

    public override Task<Func<IGrainFactory, string, string, Task>> PrepareAsync(ParsedSpec parsed, JobContext context)
    {
        var spec = SubmitValidation.Validate(parsed, context.Limits, context.DataRoots);
        return Task.FromResult<Func<IGrainFactory, string, string, Task>>((grains, id, tenant) => grains.GetGrain<IRunGrain>(id).SubmitAsync(spec, tenant));
    }

    public override void Describe(JobDetail detail, JobReport report)
    {
        if (detail is RunSnapshot snapshot)
        {
            report.Run = ReportMapper.ToReport(snapshot);
        }
    }

    public override void Describe(JobDetail progress, JobInfo info, JobDetail? start, JobProgress target)
    {
        if (progress is ProgressRecord record)
        {
            target.Run = ReportMapper.ToProgress(record, info.Status, start is RunSnapshot run && ReportMapper.IsLanguageModel(run));
        }
    }
}
