using Minimax.Grains.Cluster;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Minimax.Grains.Placement;

/// <summary>
/// Keeps the silos whose published role (silo metadata <see cref="SiloRole.MetadataKey"/>) hosts the grain's role. A
/// silo whose metadata this silo has not fetched yet is left out, except this silo itself, whose role it knows; when
/// none is left the placement fails with a message naming the role to start.
/// </summary>
public sealed class SiloRolePlacementDirector(ISiloMetadataCache metadata, ILocalSiloDetails local, SiloRole localRole) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var needed = SiloRole.Parse(((SiloRolePlacementStrategy)filterStrategy).Role) ?? SiloRole.All;
        var hosts = silos.Where(silo => RoleOf(silo)?.Hosts(needed) == true).ToArray();
        return hosts.Length > 0
            ? hosts
            : throw new SiloUnavailableException(
                $"{target.GrainIdentity.Type}: no active silo hosts {needed.Name} grains; start a silo with Silo:Role={needed.Name} or all");
    }

    private SiloRole? RoleOf(SiloAddress silo) =>
        silo.Equals(local.SiloAddress)
            ? localRole
            : metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRole.MetadataKey, out var role) ? SiloRole.Parse(role) : null;
}
