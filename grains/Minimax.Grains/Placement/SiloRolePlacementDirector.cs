using Minimax.Grains.Cluster;
using Minimax.Grains.Drain;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Minimax.Grains.Placement;

/// <summary>
/// Keeps the silos whose published role hosts the grain's role (<see cref="SiloRoles"/>; a silo whose metadata this
/// silo has not fetched yet is left out), and of those the ones not draining, unless every one is (a lone silo shutting
/// down still places what it is asked to). When none is left the placement fails with a message naming the role to start.
/// </summary>
public sealed class SiloRolePlacementDirector(SiloRoles roles, DrainingSilos draining) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var needed = SiloRole.Parse(((SiloRolePlacementStrategy)filterStrategy).Role) ?? SiloRole.All;
        var hosts = silos.Where(silo => roles.Hosts(silo, needed)).ToArray();
        return hosts.Length > 0
            ? draining.Spare(hosts)
            : throw new SiloUnavailableException(
                $"{target.GrainIdentity.Type}: no active silo hosts {needed.Name} grains; start a silo with Silo:Role={needed.Name} or all");
    }
}
