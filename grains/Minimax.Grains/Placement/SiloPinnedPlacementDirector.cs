using Orleans.Runtime.Placement;

namespace Minimax.Grains.Placement;

/// <summary>
/// The grain's key is a silo's parsable address (<c>SiloAddress.ToParsableString()</c>, generation included): the
/// grain goes to that silo. A key naming a silo that is gone, or not compatible with the grain, fails the call
/// rather than placing the grain elsewhere, where it would answer for the wrong silo.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var wanted = context.GetCompatibleSilos(target).FirstOrDefault(silo => silo.ToParsableString() == key);
        return wanted is not null
            ? Task.FromResult(wanted)
            : throw new SiloUnavailableException($"{target.GrainIdentity}: no active silo {key} can host it");
    }
}
