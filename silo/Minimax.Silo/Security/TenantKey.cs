namespace Minimax.Silo.Security;

/// <summary>One Auth:Keys entry: the tenant a key belongs to and the key's SHA-256 in hex (never the key).</summary>
public sealed record TenantKey(string Tenant, string Sha256)
{
    /// <summary>Auth:Keys:N:DataRoots: folders the key's tenant may read data from besides Data:Roots.</summary>
    public IReadOnlyList<string> DataRoots { get; init; } = [];

    public bool Equals(TenantKey? other) =>
        other is not null && Tenant == other.Tenant && Sha256 == other.Sha256 && DataRoots.SequenceEqual(other.DataRoots);

    public override int GetHashCode() => HashCode.Combine(Tenant, Sha256, DataRoots.Count);
}
