using Minimax.Engine.Metrics;

namespace Minimax.Engine.Evaluation;

/// <summary>
/// The CounterAnimal protocol (ALGORITHMS.md §5b.4, test vector EVAL-2): accuracy on the common-background groups
/// against the counter-background groups, pooled and per class.
/// </summary>
public static class CommonCounter
{
    public static CommonCounterResult Compute(GroupTally tally, IReadOnlyList<string> groupClasses, IReadOnlyList<BackgroundRole> groupRoles)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Compute(tally.Counts, tally.Correct, groupClasses, groupRoles);
    }

    /// <summary>
    /// Every argument has one entry per group. Groups with <see cref="BackgroundRole.None"/> are ignored. The pooled
    /// row divides summed correct predictions by summed counts (never a mean of class accuracies), over every common
    /// and every counter group. A class lacking common or counter examples gets no per-class row; classes keep the
    /// order of their first group.
    /// </summary>
    /// <exception cref="ArgumentException">No group with examples is common, or none is counter.</exception>
    public static CommonCounterResult Compute(
        IReadOnlyList<long> counts,
        IReadOnlyList<long> correct,
        IReadOnlyList<string> groupClasses,
        IReadOnlyList<BackgroundRole> groupRoles)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(groupClasses);
        ArgumentNullException.ThrowIfNull(groupRoles);
        var groups = counts.Count;
        if (correct.Count != groups || groupClasses.Count != groups || groupRoles.Count != groups)
        {
            throw new ArgumentException(
                $"Counts ({groups}), correct ({correct.Count}), classes ({groupClasses.Count}) and roles ({groupRoles.Count}) must have one entry per group.");
        }

        var pooled = new Sides();
        var perClass = new Dictionary<string, Sides>(StringComparer.Ordinal);
        var classOrder = new List<string>();
        for (var g = 0; g < groups; g++)
        {
            if (counts[g] < 0 || correct[g] < 0 || correct[g] > counts[g])
            {
                throw new ArgumentException($"Group {g} has {correct[g]} correct of {counts[g]}.", nameof(correct));
            }

            if (groupRoles[g] == BackgroundRole.None)
            {
                continue;
            }

            var name = groupClasses[g] ?? throw new ArgumentException($"Group {g} has no class.", nameof(groupClasses));
            if (!perClass.TryGetValue(name, out var sides))
            {
                sides = new Sides();
                perClass.Add(name, sides);
                classOrder.Add(name);
            }

            pooled.Add(groupRoles[g], counts[g], correct[g]);
            sides.Add(groupRoles[g], counts[g], correct[g]);
        }

        if (!pooled.HasBoth)
        {
            throw new ArgumentException(
                $"The comparison needs examples on both sides; found {pooled.CommonCount} common and {pooled.CounterCount} counter.");
        }

        var rows = classOrder.Where(c => perClass[c].HasBoth).Select(c => perClass[c].Row(c)).ToArray();
        return new CommonCounterResult(pooled.Row(null), rows);
    }

    /// <summary>Reads <c>common</c> or <c>counter</c>, ignoring case.</summary>
    public static BackgroundRole ParseRole(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "common" => BackgroundRole.Common,
            "counter" => BackgroundRole.Counter,
            _ => throw new ArgumentException($"Unknown background role '{name}'; expected common or counter.", nameof(name)),
        };
    }

    private sealed class Sides
    {
        public long CommonCount { get; private set; }

        public long CommonCorrect { get; private set; }

        public long CounterCount { get; private set; }

        public long CounterCorrect { get; private set; }

        public bool HasBoth => CommonCount > 0 && CounterCount > 0;

        public void Add(BackgroundRole role, long count, long correct)
        {
            switch (role)
            {
                case BackgroundRole.Common:
                    CommonCount += count;
                    CommonCorrect += correct;
                    break;
                case BackgroundRole.Counter:
                    CounterCount += count;
                    CounterCorrect += correct;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(role), role, "Only common and counter groups are tallied.");
            }
        }

        public CommonCounterRow Row(string? name)
        {
            var common = (double)CommonCorrect / CommonCount;
            var counter = (double)CounterCorrect / CounterCount;
            return new CommonCounterRow(name, common, counter, 100 * (common - counter), CommonCount, CounterCount);
        }
    }
}
