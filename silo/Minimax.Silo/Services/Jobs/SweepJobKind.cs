using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>A hyperparameter sweep (kind sweep): the SweepReport of sweeps.proto, also as its progress.</summary>
public sealed class SweepJobKind : JobKind
{
    public override string Name => JobKinds.Sweep;

    public override SpecKind SpecKind => SpecKind.Sweep;

    public override string IdPrefix => "swp";

    public override Task<Func<IGrainFactory, string, string, Task>> PrepareAsync(ParsedSpec parsed, JobContext context)
    {
        var spec = SweepValidation.Validate(parsed, context.Limits, context.DataRoots);
        return Task.FromResult<Func<IGrainFactory, string, string, Task>>((grains, id, tenant) => grains.GetGrain<ISweepGrain>(id).SubmitAsync(spec, tenant));
    }

    public override void Describe(JobDetail detail, JobReport report)
    {
        if (detail is SweepSnapshot snapshot)
        {
            report.Sweep = SweepMapper.ToReport(snapshot);
        }
    }

    public override void Describe(JobDetail progress, JobInfo info, JobDetail? start, JobProgress target)
    {
        if (progress is SweepSnapshot snapshot)
        {
            // Progress events leave the spec out; the view the watch started with has it.
            target.Sweep = SweepMapper.ToReport(snapshot.Spec is null && start is SweepSnapshot { Spec: { } spec } ? snapshot with { Spec = spec } : snapshot);
        }
    }
}
