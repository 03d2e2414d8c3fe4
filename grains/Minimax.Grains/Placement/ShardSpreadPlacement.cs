namespace Minimax.Grains.Placement;

/// <summary>Places a run's workers on different silos, shard by shard (see <see cref="ShardSpreadPlacementDirector"/>).</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("minimax.ShardSpreadPlacement")]
public sealed class ShardSpreadPlacement : PlacementStrategy
{
    internal static readonly ShardSpreadPlacement Instance = new();
}
