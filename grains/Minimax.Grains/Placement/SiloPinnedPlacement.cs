namespace Minimax.Grains.Placement;

/// <summary>Places a grain on the silo its key names (see <see cref="SiloPinnedPlacementDirector"/>).</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("minimax.SiloPinnedPlacement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    internal static readonly SiloPinnedPlacement Instance = new();
}
