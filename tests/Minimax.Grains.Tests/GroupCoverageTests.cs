using Minimax.Contracts.Specs;
using Minimax.Engine.Sampling;
using Minimax.Grains.Training;

namespace Minimax.Grains.Tests;

/// <summary>Expected group counts per batch, batch_size * p_g, and the warnings for groups expected less than once.</summary>
public sealed class GroupCoverageTests
{
    // Waterbirds-like skew over N = 4000: a 2.5% group (100 rows) and a 0.5% group (20 rows).
    private static readonly long[] Skewed = [3100, 780, 100, 20];

    private static RunSpec Spec(ObjectiveKind kind, int batchSize, bool balanced, bool text = false)
    {
        var spec = TestData.Spec("/data", kind, workers: 1, steps: 10, batchSize: batchSize);
        return spec with
        {
            Objective = spec.Objective with { BalancedSampling = balanced },
            Data = text ? spec.Data with { Format = DataFormat.Jsonl } : spec.Data,
        };
    }

    [Fact]
    public void Shuffling_expects_batch_size_times_the_train_proportion_and_balanced_sampling_batch_size_over_the_groups()
    {
        Assert.Equal([99.2, 24.96, 3.2, 0.64], GroupCoverage.ExpectedPerBatch(SamplingMode.Shuffle, 128, Skewed), new ToleranceComparer(1e-12));
        Assert.Equal([32, 32, 32, 32], GroupCoverage.ExpectedPerBatch(SamplingMode.InverseGroupFrequency, 128, Skewed));
        // An empty group is never drawn; the others share the batch.
        Assert.Equal([40, 0, 40, 40], GroupCoverage.ExpectedPerBatch(SamplingMode.InverseGroupFrequency, 120, [50, 0, 50, 50]));
        // A batch holds at most the whole split.
        Assert.Equal([2, 1], GroupCoverage.ExpectedPerBatch(SamplingMode.Shuffle, 128, [2, 1]));
    }

    [Fact]
    public void Group_dro_under_shuffling_at_batch_128_warns_of_the_group_expected_less_than_once_naming_count_and_fix()
    {
        var warning = Assert.Single(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: false), Skewed));

        Assert.StartsWith("group 3 is expected 0.64 times per batch of 128 (batch_size x n_g / N under plain shuffling)", warning);
        Assert.EndsWith("set objective.balanced_sampling: true or a larger training.batch_size", warning);
    }

    [Fact]
    public void The_two_and_a_half_percent_group_is_expected_3_2_times_at_batch_128_and_0_8_times_at_batch_32()
    {
        Assert.DoesNotContain(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: false), Skewed), w => w.StartsWith("group 2 ", StringComparison.Ordinal));

        var warnings = GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 32, balanced: false), Skewed);

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("group 2 is expected 0.8 times per batch of 32", warnings[0]);
        Assert.StartsWith("group 3 is expected 0.16 times per batch of 32", warnings[1]);
    }

    [Fact]
    public void Balanced_sampling_gives_no_warning_on_the_same_data()
    {
        Assert.Empty(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: true), Skewed));
        Assert.Empty(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 32, balanced: true), Skewed));
    }

    [Fact]
    public void Balanced_sampling_over_more_groups_than_the_batch_holds_asks_for_a_larger_batch_and_names_at_most_eight()
    {
        var counts = Enumerable.Repeat(10L, 200).ToArray();

        var warnings = GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: true), counts);

        Assert.Equal(GroupCoverage.MaxNamedGroups + 1, warnings.Count);
        Assert.StartsWith("group 0 is expected 0.64 times per batch of 128 (batch_size / groups under group-balanced sampling)", warnings[0]);
        Assert.All(warnings, w => Assert.EndsWith("; set a larger training.batch_size", w));
        Assert.StartsWith("192 more groups are expected less than once per batch", warnings[^1]);
    }

    [Theory]
    [InlineData(ObjectiveKind.Erm)]
    [InlineData(ObjectiveKind.Reweighted)]
    public void Objectives_that_do_not_weigh_group_losses_are_not_warned(ObjectiveKind kind)
    {
        Assert.Empty(GroupCoverage.Warnings(Spec(kind, 32, balanced: false), Skewed));
    }

    [Fact]
    public void Empty_groups_and_text_corpora_are_not_warned()
    {
        Assert.Empty(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: false), [3000, 0, 1000]));
        Assert.Empty(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: false, text: true), Skewed));
        Assert.Empty(GroupCoverage.Warnings(Spec(ObjectiveKind.GroupDro, 128, balanced: false), []));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
