using Orleans.Placement;

namespace Minimax.Grains.Placement;

/// <summary>For a grain with a string key that is a silo's parsable address: one activation per silo, on that silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);
