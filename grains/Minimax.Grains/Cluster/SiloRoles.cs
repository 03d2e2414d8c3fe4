using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Minimax.Grains.Cluster;

/// <summary>
/// The role each silo published (silo metadata <see cref="SiloRole.MetadataKey"/>) as this silo knows it: its own
/// always, another's once this silo has fetched that silo's metadata (null until then).
/// </summary>
public sealed class SiloRoles(ISiloMetadataCache metadata, ILocalSiloDetails local, SiloRole localRole)
{
    public SiloRole? Of(SiloAddress silo) =>
        silo.Equals(local.SiloAddress)
            ? localRole
            : metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRole.MetadataKey, out var role) ? SiloRole.Parse(role) : null;

    /// <summary>Whether <paramref name="silo"/> is known to host grains meant for <paramref name="needed"/>.</summary>
    public bool Hosts(SiloAddress silo, SiloRole needed) => Of(silo)?.Hosts(needed) == true;
}
