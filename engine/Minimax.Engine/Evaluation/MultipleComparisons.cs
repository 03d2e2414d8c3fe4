namespace Minimax.Engine.Evaluation;

/// <summary>
/// Adjusts a family of p-values for multiple comparisons. The persona-bias release applies none although it runs
/// hundreds of persona × dataset tests (ALGORITHMS.md §6c.3), so a decision gated on them should use one of these.
/// </summary>
public static class MultipleComparisons
{
    /// <summary>The accepted names, in the order error messages list them.</summary>
    public static readonly IReadOnlyList<string> Names = ["holm", "bh", "none"];

    /// <summary>
    /// Adjusted p-values in the input order, each capped at 1. Holm (1979) step-down:
    /// p̃₍ᵢ₎ = max over j ≤ i of (m − j + 1)·p₍ⱼ₎. Benjamini–Hochberg (1995) step-up: p̃₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎/j.
    /// Both are monotone in the sorted p-values.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> pValues, Correction correction)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        for (var i = 0; i < pValues.Count; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i} is not in [0, 1].");
            }
        }

        var m = pValues.Count;
        var adjusted = new double[m];
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        switch (correction)
        {
            case Correction.None:
                for (var i = 0; i < m; i++)
                {
                    adjusted[i] = pValues[i];
                }

                break;
            case Correction.Holm:
                var running = 0.0;
                for (var rank = 0; rank < m; rank++)
                {
                    running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
                    adjusted[order[rank]] = running;
                }

                break;
            case Correction.BenjaminiHochberg:
                var smallest = 1.0;
                for (var rank = m - 1; rank >= 0; rank--)
                {
                    smallest = Math.Min(smallest, (double)m / (rank + 1) * pValues[order[rank]]);
                    adjusted[order[rank]] = smallest;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(correction), correction, "Unknown correction.");
        }

        return adjusted;
    }

    /// <summary>Reads <c>holm</c>, <c>bh</c> or <c>none</c>, ignoring case.</summary>
    public static Correction Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "holm" => Correction.Holm,
            "bh" => Correction.BenjaminiHochberg,
            "none" => Correction.None,
            _ => throw new ArgumentException(
                $"Unknown multiple-comparison correction '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>The name <see cref="Parse"/> reads back.</summary>
    public static string Name(Correction correction) => correction switch
    {
        Correction.Holm => "holm",
        Correction.BenjaminiHochberg => "bh",
        Correction.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(correction), correction, "Unknown correction."),
    };
}
