using Minimax.Contracts.Api;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>A DoReMi mixture job (kind doremi): the MixtureReport of minimax.v1.Mixtures, also as its progress.</summary>
public sealed class DoReMiJobKind : JobKind
{
    public override string Name => JobKinds.DoReMi;

    public override SpecKind SpecKind => SpecKind.DoReMi;

    public override string IdPrefix => "mix";

    public override Task<Func<IGrainFactory, string, string, Task>> PrepareAsync(ParsedSpec parsed, JobContext context)
    {
        var spec = SubmitValidation.ValidateMixture(parsed, context.Limits, context.DataRoots);
        return Task.FromResult<Func<IGrainFactory, string, string, Task>>((grains, id, tenant) => grains.GetGrain<IMixtureGrain>(id).SubmitAsync(spec, tenant));
    }

    public override void Describe(JobDetail detail, JobReport report)
    {
        if (detail is MixtureSnapshot snapshot)
        {
            report.Mixture = MixtureMapper.ToReport(snapshot);
        }
    }

    public override void Describe(JobDetail progress, JobInfo info, JobDetail? start, JobProgress target)
    {
        if (progress is MixtureSnapshot snapshot)
        {
            target.Mixture = MixtureMapper.ToReport(snapshot);
        }
    }
}
