using Minimax.Contracts.Grains.Cluster;
using Minimax.Grains.Placement;
using Orleans.Concurrency;

namespace Minimax.Grains.Drain;

/// <summary>Records, on the silo it is pinned to, that another silo drains (<see cref="DrainingSilos"/>).</summary>
[SiloPinnedPlacement]
[Reentrant]
public sealed class DrainNoticeGrain(DrainingSilos draining) : Grain, IDrainNoticeGrain
{
    public Task SiloDrainingAsync(SiloAddress silo)
    {
        draining.Add(silo);
        return Task.CompletedTask;
    }
}
