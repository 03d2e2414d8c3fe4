using Minimax.Contracts.Grains.Cluster;
using Minimax.Grains.Placement;
using Minimax.Grains.Telemetry;
using Orleans.Concurrency;

namespace Minimax.Grains.Cluster;

/// <summary>A silo's own figures, answered on that silo: its jobs from <see cref="LiveJobs"/> and its <see cref="StepRate"/>.</summary>
[SiloPinnedPlacement]
// Reads thread-safe snapshots only and keeps no state, so calls may interleave.
[Reentrant]
public sealed class SiloActivityGrain(ILocalSiloDetails silo, SiloRole role, StepRate steps) : Grain, ISiloActivityGrain
{
    public Task<SiloActivity> GetAsync() =>
        Task.FromResult(new SiloActivity(silo.SiloAddress.ToParsableString(), role.Name, LiveJobs.CountByKind(), steps.PerSecond()));
}
