using Minimax.Grains.Cluster;
using Orleans.Metadata;
using Orleans.Placement;

namespace Minimax.Grains.Placement;

/// <summary>
/// The grain class is placed only on silos whose role hosts <paramref name="role"/> ("control" or "worker"; a silo of
/// role "all" hosts both). A placement filter, not a director, so it composes with the grain's own placement
/// (the workers' shard spread).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class SiloRolePlacementAttribute(string role) : PlacementFilterAttribute(new SiloRolePlacementStrategy(role));

/// <summary>The filter's grain property: the role the grain class needs.</summary>
public sealed class SiloRolePlacementStrategy : PlacementFilterStrategy
{
    private const string RoleProperty = "minimax-silo-role";

    public SiloRolePlacementStrategy()
        : this(SiloRole.All.Name)
    {
    }

    public SiloRolePlacementStrategy(string role)
        : base(order: 0)
    {
        Role = role;
    }

    public string Role { get; private set; }

    public override void AdditionalInitialize(GrainProperties properties) =>
        Role = GetPlacementFilterGrainProperty(RoleProperty, properties) ?? SiloRole.All.Name;

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new(RoleProperty, Role);
    }
}
