using Minimax.Engine.Files;

namespace Minimax.Grains.Tenants;

/// <summary>
/// The data roots of each tenant, from the silo's configuration: the roots every tenant shares plus the
/// tenant's own, less the folders that are never data (the checkpoint store). Workers ask for them each
/// time they open data, so a root the operator removed is gone for a resumed run too.
/// </summary>
public sealed class TenantDataRoots
{
    private readonly DataRoots sharedOnly;
    private readonly Dictionary<string, DataRoots> perTenant;

    /// <param name="shared">Absolute folders every tenant may read.</param>
    /// <param name="ownRoots">Absolute folders only the named tenant may read, in addition.</param>
    /// <param name="excluded">Folders inside any root that no tenant may read.</param>
    public TenantDataRoots(IReadOnlyList<string> shared, IReadOnlyDictionary<string, IReadOnlyList<string>> ownRoots, IReadOnlyList<string> excluded)
    {
        sharedOnly = new DataRoots(shared, excluded);
        perTenant = ownRoots.ToDictionary(
            tenant => tenant.Key,
            tenant => new DataRoots(shared.Concat(tenant.Value), excluded),
            StringComparer.Ordinal);
    }

    /// <summary>Every tenant reads the same <paramref name="roots"/>, less <paramref name="excluded"/>.</summary>
    public static TenantDataRoots Shared(IReadOnlyList<string> roots, params string[] excluded) =>
        new(roots, new Dictionary<string, IReadOnlyList<string>>(), excluded);

    /// <summary>The roots <paramref name="tenant"/> may read data from.</summary>
    public DataRoots For(string tenant) => perTenant.TryGetValue(tenant, out var roots) ? roots : sharedOnly;
}
