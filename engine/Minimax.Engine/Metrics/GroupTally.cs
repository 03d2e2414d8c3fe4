namespace Minimax.Engine.Metrics;

/// <summary>
/// Per-group example counts, correct predictions and loss sums: what workers send so the coordinator
/// can merge evaluations without averaging per-worker accuracies (ALGORITHMS.md §8).
/// </summary>
public sealed class GroupTally
{
    public GroupTally(int groups)
        : this(new long[groups], new long[groups], new double[groups])
    {
    }

    public GroupTally(long[] counts, long[] correct, double[] lossSums)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(lossSums);
        if (correct.Length != counts.Length || lossSums.Length != counts.Length)
        {
            throw new ArgumentException("Counts, correct and loss sums must have one value per group.");
        }

        Counts = counts;
        Correct = correct;
        LossSums = lossSums;
    }

    public long[] Counts { get; }

    public long[] Correct { get; }

    public double[] LossSums { get; }

    public int GroupCount => Counts.Length;

    public void Add(GroupTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.GroupCount != GroupCount)
        {
            throw new ArgumentException($"Cannot add a tally of {other.GroupCount} groups to one of {GroupCount}.", nameof(other));
        }

        for (var g = 0; g < GroupCount; g++)
        {
            Counts[g] += other.Counts[g];
            Correct[g] += other.Correct[g];
            LossSums[g] += other.LossSums[g];
        }
    }
}
