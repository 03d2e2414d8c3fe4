namespace Minimax.Engine.Objectives;

/// <summary>
/// What the workers' forward passes report for one global minibatch, merged over workers: per-group
/// (per-domain) loss sums and counts (examples, or tokens for language models) and any further per-group
/// sums an objective reads, by name (<see cref="StatisticNames"/>; DoReMi's clipped excess, for one).
/// Sums, never means (ALGORITHMS.md §0 rule 1), so merging workers is adding.
/// </summary>
public sealed record BatchStatistics(double[] LossSums, long[] Counts, IReadOnlyDictionary<string, double[]>? ExtraSums = null)
{
    /// <summary>The per-group sums named <paramref name="name"/>; an error naming it when the workers sent none.</summary>
    public double[] Extra(string name) =>
        ExtraSums is not null && ExtraSums.TryGetValue(name, out var sums)
            ? sums
            : throw new InvalidOperationException($"The batch statistics carry no '{name}' sums; the workers must report them for this objective.");

    /// <summary>
    /// Adds up the workers' statistics group by group, in the order given, so the merge is the same sum a
    /// single process forms; every part must carry each of <paramref name="extraNames"/>.
    /// </summary>
    public static BatchStatistics Merge(IEnumerable<BatchStatistics> parts, int groups, IReadOnlyList<string> extraNames)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(extraNames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        var sums = new double[groups];
        var counts = new long[groups];
        var extra = extraNames.ToDictionary(name => name, _ => new double[groups], StringComparer.Ordinal);
        foreach (var part in parts)
        {
            Add(sums, part.LossSums, "loss");
            if (part.Counts.Length != groups)
            {
                throw new ArgumentException($"Expected {groups} counts, one per group, not {part.Counts.Length}.", nameof(parts));
            }

            for (var g = 0; g < groups; g++)
            {
                counts[g] += part.Counts[g];
            }

            foreach (var name in extraNames)
            {
                Add(extra[name], part.Extra(name), name);
            }
        }

        return new BatchStatistics(sums, counts, extra.Count == 0 ? null : extra);
    }

    private static void Add(double[] total, double[] part, string name)
    {
        if (part.Length != total.Length)
        {
            throw new ArgumentException($"Expected {total.Length} {name} sums, one per group, not {part.Length}.", nameof(part));
        }

        for (var g = 0; g < total.Length; g++)
        {
            total[g] += part[g];
        }
    }
}
