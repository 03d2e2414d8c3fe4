using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Minimax.Deployment.Tests;

/// <summary>
/// A configuration that remembers every key read through it (by indexer, section or children), so a test can ask
/// which of a container's settings the silo actually reads, instead of trusting a hand-kept list of keys.
/// </summary>
public sealed class ConfigurationReads(IConfiguration inner) : IConfiguration
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> Keys => _keys;

    /// <summary>A key counts as read when it, or a section above it, was read (a bound section reads its whole subtree).</summary>
    public bool WasRead(string key) =>
        _keys.Contains(key) || _keys.Any(read => key.StartsWith(read + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase));

    public string? this[string key]
    {
        get => Read(key, inner[key]);
        set => inner[key] = value;
    }

    public IConfigurationSection GetSection(string key) => new Section(this, inner.GetSection(key));

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(child => new Section(this, child));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    private T Read<T>(string key, T value)
    {
        _keys.Add(key);
        return value;
    }

    private sealed class Section(ConfigurationReads reads, IConfigurationSection inner) : IConfigurationSection
    {
        public string Key => inner.Key;

        public string Path => inner.Path;

        public string? Value
        {
            get => reads.Read(inner.Path, inner.Value);
            set => inner.Value = value;
        }

        public string? this[string key]
        {
            get => reads.Read(ConfigurationPath.Combine(inner.Path, key), inner[key]);
            set => inner[key] = value;
        }

        public IConfigurationSection GetSection(string key) => new Section(reads, inner.GetSection(key));

        public IEnumerable<IConfigurationSection> GetChildren()
        {
            reads.Read(inner.Path, 0);
            return inner.GetChildren().Select(child => new Section(reads, child));
        }

        public IChangeToken GetReloadToken() => inner.GetReloadToken();
    }
}
