using Orleans.Placement;

namespace Minimax.Grains.Placement;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardSpreadPlacementAttribute() : PlacementAttribute(ShardSpreadPlacement.Instance);
