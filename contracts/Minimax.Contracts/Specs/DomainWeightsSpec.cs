namespace Minimax.Contracts.Specs;

/// <summary>
/// Weights over a corpus's domains: uniform, proportional to training tokens, or given per domain name
/// (need not sum to 1; normalised once the domains are known, and every domain must be named).
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.DomainWeightsSpec")]
public sealed record DomainWeightsSpec
{
    public static DomainWeightsSpec Uniform { get; } = new() { Kind = DomainWeightsKind.Uniform };

    public static DomainWeightsSpec TokenProportional { get; } = new() { Kind = DomainWeightsKind.TokenProportional };

    [Id(0)] public DomainWeightsKind Kind { get; init; }
    [Id(1)] public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    public static DomainWeightsSpec Explicit(IReadOnlyDictionary<string, double> weights) =>
        new() { Kind = DomainWeightsKind.Explicit, Weights = weights };

    /// <summary>Normalised weights in domain order; throws naming <paramref name="field"/> when a domain is missing or unknown.</summary>
    public double[] Resolve(IReadOnlyList<string> domains, IReadOnlyList<long> trainTokens, string field)
    {
        var raw = Kind switch
        {
            DomainWeightsKind.Uniform => domains.Select(_ => 1.0).ToArray(),
            DomainWeightsKind.TokenProportional => trainTokens.Select(count => (double)count).ToArray(),
            _ => domains.Select(domain => Weights.TryGetValue(domain, out var weight)
                ? weight
                : throw new ArgumentException($"{field}: no weight for domain '{domain}' (domains: {string.Join(", ", domains)})")).ToArray(),
        };
        var known = Kind == DomainWeightsKind.Explicit ? domains.ToHashSet(StringComparer.Ordinal) : null;
        if (known is not null && Weights.Keys.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"{field}: '{unknown}' is not a domain of the corpus (domains: {string.Join(", ", domains)})");
        }

        var sum = raw.Sum();
        return sum > 0 && double.IsFinite(sum)
            ? raw.Select(weight => weight / sum).ToArray()
            : throw new ArgumentException($"{field}: the weights must have a positive, finite sum");
    }
}

public enum DomainWeightsKind { Uniform, TokenProportional, Explicit }
