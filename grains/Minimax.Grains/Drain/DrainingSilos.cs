using System.Collections.Concurrent;
using Minimax.Grains.Cluster;

namespace Minimax.Grains.Drain;

/// <summary>
/// The silos this silo knows to be draining: itself once its shutdown began, others once they said so
/// (<see cref="DrainNoticeGrain"/>). New grains are placed elsewhere while another silo can take them.
/// </summary>
public sealed class DrainingSilos(ILocalSiloDetails local, IClusterMembershipService membership, SiloRoles roles)
{
    private readonly ConcurrentDictionary<SiloAddress, byte> _silos = new();

    public bool LocalIsDraining => Contains(local.SiloAddress);

    public void Add(SiloAddress silo) => _silos.TryAdd(silo, 0);

    public bool Contains(SiloAddress silo) => _silos.ContainsKey(silo);

    /// <summary>The candidates that are not draining, or all of them when every one is.</summary>
    public IEnumerable<SiloAddress> Spare(IReadOnlyCollection<SiloAddress> candidates)
    {
        var spare = candidates.Where(silo => !Contains(silo)).ToArray();
        return spare.Length > 0 ? spare : candidates;
    }

    /// <summary>Whether an active silo that is not draining hosts grains meant for <paramref name="needed"/>.</summary>
    public bool SpareHostFor(SiloRole needed) =>
        membership.CurrentSnapshot.Members.Values.Any(member =>
            member.Status == SiloStatus.Active && !Contains(member.SiloAddress) && roles.Hosts(member.SiloAddress, needed));
}
