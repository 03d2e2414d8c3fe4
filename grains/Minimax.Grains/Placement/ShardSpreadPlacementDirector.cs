using Orleans.Runtime.Placement;

namespace Minimax.Grains.Placement;

/// <summary>
/// Worker keys end in their shard index ("{run}/g{generation}/{shard}"). Shard s of a run goes to
/// silo (s + h(run)) mod n of the compatible silos in address order, so a run's shards spread over
/// the cluster instead of piling up at random, and different runs start at different silos.
/// </summary>
public sealed class ShardSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(silo => silo.ToParsableString(), StringComparer.Ordinal).ToArray();
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var slash = key.LastIndexOf('/');
        var shard = slash >= 0 && int.TryParse(key.AsSpan(slash + 1), out var parsed) ? parsed : 0;
        var run = key.IndexOf('/') is var first and > 0 ? key[..first] : key;
        return Task.FromResult(silos[(int)((StableHash(run) + (uint)shard) % (uint)silos.Length)]);
    }

    // FNV-1a: string.GetHashCode differs between processes, and every silo must agree.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
