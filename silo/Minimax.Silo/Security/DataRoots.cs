using Minimax.Silo.Hosting;

namespace Minimax.Silo.Security;

/// <summary>
/// The folders (Data:Roots) that run specs may read datasets from, with symbolic links resolved, so
/// that neither <c>../</c>, an absolute path nor a link can reach a file outside them.
/// </summary>
public sealed class DataRoots
{
    private readonly string[] _roots;

    private DataRoots(string[] roots) => _roots = roots;

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The roots from configuration; none configured means the working directory.</summary>
    public static DataRoots Create(IReadOnlyList<string> configured)
    {
        var roots = configured.Count == 0 ? [Directory.GetCurrentDirectory()] : configured;
        var resolved = roots.Select((root, index) =>
        {
            if (string.IsNullOrWhiteSpace(root) || !Path.IsPathFullyQualified(root))
            {
                throw new SiloConfigurationException($"Data:Roots:{index}: '{root}' is not an absolute path");
            }
            var physical = PhysicalPath.Resolve(root);
            return Directory.Exists(physical)
                ? physical
                : throw new SiloConfigurationException($"Data:Roots:{index}: folder '{root}' does not exist");
        });
        return new DataRoots(resolved.ToArray());
    }

    /// <summary>The physical path of <paramref name="path"/> when it lies inside a root; otherwise null.</summary>
    public string? Confine(string path)
    {
        var physical = PhysicalPath.Resolve(path);
        return _roots.Any(root => IsInside(physical, root)) ? physical : null;
    }

    private static bool IsInside(string path, string root)
    {
        var folder = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(folder, StringComparison.Ordinal);
    }
}
