using Minimax.Engine.Files;
using Minimax.Grains.Tenants;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Security;

/// <summary>
/// The tenants' data roots from configuration: Data:Roots for every tenant, Auth:Keys:N:DataRoots for the
/// tenant of key N in addition, and the working directory when no root is configured anywhere. The local
/// checkpoint store is never data: it is cut out of every root that holds it (so the zero-setup default,
/// whose store lies in the working directory, stays safe), and a root inside it is refused.
/// </summary>
public static class ConfiguredDataRoots
{
    public static TenantDataRoots Create(SiloOptions options)
    {
        var shared = options.DataRoots.Select((root, i) => Folder($"Data:Roots:{i}", root)).ToList();
        var own = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var k = 0; k < options.AuthKeys.Count; k++)
        {
            var key = options.AuthKeys[k];
            var roots = key.DataRoots.Select((root, i) => Folder($"Auth:Keys:{k}:DataRoots:{i}", root));
            own[key.Tenant] = [.. (own.TryGetValue(key.Tenant, out var earlier) ? earlier : []).Concat(roots)];
        }

        if (shared.Count == 0 && own.Values.All(roots => roots.Count == 0))
        {
            shared.Add(PhysicalPath.Resolve(Directory.GetCurrentDirectory()));
        }

        string[] excluded = options.StorageProvider == StorageProvider.Memory ? [PhysicalPath.Resolve(options.CheckpointsPath)] : [];
        var inside = shared.Concat(own.Values.SelectMany(roots => roots)).FirstOrDefault(root => excluded.Any(store => new DataRoots([store]).Confine(root) is not null));
        if (inside is not null)
        {
            throw new SiloConfigurationException($"Checkpoints:Path: the checkpoint store '{options.CheckpointsPath}' holds the data root '{inside}'; checkpoints are never data");
        }

        return new TenantDataRoots(shared, own, excluded);
    }

    private static string Folder(string key, string root)
    {
        if (string.IsNullOrWhiteSpace(root) || !Path.IsPathFullyQualified(root))
        {
            throw new SiloConfigurationException($"{key}: '{root}' is not an absolute path");
        }

        var physical = PhysicalPath.Resolve(root);
        return Directory.Exists(physical) ? physical : throw new SiloConfigurationException($"{key}: folder '{root}' does not exist");
    }
}
