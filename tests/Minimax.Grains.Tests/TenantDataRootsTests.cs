using Minimax.Grains.Tenants;

namespace Minimax.Grains.Tests;

/// <summary>A tenant reads the shared roots and its own, never another tenant's, and never an excluded folder.</summary>
public sealed class TenantDataRootsTests : IDisposable
{
    private readonly string _shared = Directory.CreateTempSubdirectory("minimax-shared-").FullName;
    private readonly string _alpha = Directory.CreateTempSubdirectory("minimax-alpha-").FullName;

    [Fact]
    public void Own_roots_add_to_the_shared_ones_for_their_tenant_only()
    {
        var store = Path.Combine(_shared, ".minimax", "checkpoints");
        var roots = new TenantDataRoots([_shared], new Dictionary<string, IReadOnlyList<string>> { ["alpha"] = [_alpha] }, [store]);

        Assert.NotNull(roots.For("alpha").Confine(Path.Combine(_alpha, "train.csv")));
        Assert.NotNull(roots.For("alpha").Confine(Path.Combine(_shared, "train.csv")));
        Assert.Null(roots.For("beta").Confine(Path.Combine(_alpha, "train.csv")));
        Assert.NotNull(roots.For("beta").Confine(Path.Combine(_shared, "train.csv")));
        Assert.Null(roots.For("alpha").Confine(Path.Combine(store, "run-1", "final-model")));
        Assert.Null(roots.For("beta").Confine(store));
    }

    public void Dispose()
    {
        Directory.Delete(_shared, recursive: true);
        Directory.Delete(_alpha, recursive: true);
    }
}
