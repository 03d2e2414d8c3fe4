using Minimax.Engine.Evaluation;
using Minimax.Engine.Metrics;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class CommonCounterTests
{
    private const BackgroundRole Common = BackgroundRole.Common;
    private const BackgroundRole Counter = BackgroundRole.Counter;
    private const BackgroundRole Neither = BackgroundRole.None;

    [Fact]
    public void Eval2_common_90_of_100_counter_70_of_100()
    {
        var result = CommonCounter.Compute([100L, 100L], [90L, 70L], ["ox", "ox"], [Common, Counter]);

        AssertRow(result.Pooled, null, 0.9, 0.7, 20.0, 100, 100);
        var row = Assert.Single(result.PerClass);
        AssertRow(row, "ox", 0.9, 0.7, 20.0, 100, 100);
    }

    [Fact]
    public void Pooled_row_sums_counts_while_class_rows_stay_separate()
    {
        // ox: common 90/100, counter 14/20. yak: common 8/10 and 4/10 over two groups = 12/20, counter 60/100.
        // Pooled common (90 + 8 + 4)/(100 + 10 + 10) = 0.85; pooled counter (14 + 60)/(20 + 100) = 74/120.
        var result = CommonCounter.Compute(
            [100L, 20L, 10L, 10L, 100L],
            [90L, 14L, 8L, 4L, 60L],
            ["ox", "ox", "yak", "yak", "yak"],
            [Common, Counter, Common, Common, Counter]);

        AssertRow(result.Pooled, null, 0.85, 74.0 / 120, 100 * (0.85 - 74.0 / 120), 120, 120);
        Assert.Equal(2, result.PerClass.Count);
        AssertRow(result.PerClass[0], "ox", 0.9, 0.7, 20.0, 100, 20);
        AssertRow(result.PerClass[1], "yak", 0.6, 0.6, 0.0, 20, 100);
    }

    [Fact]
    public void Groups_with_no_role_are_ignored()
    {
        var result = CommonCounter.Compute(
            [100L, 100L, 50L],
            [90L, 70L, 0L],
            ["ox", "ox", "ox"],
            [Common, Counter, Neither]);

        AssertRow(result.Pooled, null, 0.9, 0.7, 20.0, 100, 100);
    }

    [Fact]
    public void A_class_missing_one_side_gets_no_row_but_counts_in_the_pool()
    {
        // gnu has only a common group and cat's counter group is empty; the pool still sees their common examples:
        // common (90 + 5 + 9)/(100 + 10 + 10) = 104/120.
        var result = CommonCounter.Compute(
            [100L, 100L, 10L, 10L, 0L],
            [90L, 70L, 5L, 9L, 0L],
            ["ox", "ox", "gnu", "cat", "cat"],
            [Common, Counter, Common, Common, Counter]);

        Assert.Equal("ox", Assert.Single(result.PerClass).Class);
        AssertRow(result.Pooled, null, 104.0 / 120, 0.7, 100 * (104.0 / 120 - 0.7), 120, 100);
    }

    [Fact]
    public void A_group_tally_can_be_passed_directly()
    {
        var tally = new GroupTally([100L, 100L], [90L, 70L], [0.0, 0.0]);
        var result = CommonCounter.Compute(tally, ["ox", "ox"], [Common, Counter]);
        Assert.Equal(20.0, result.Pooled.Drop, 1e-9);
    }

    [Fact]
    public void No_counter_examples_at_all_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(
            () => CommonCounter.Compute([100L, 0L], [90L, 0L], ["ox", "ox"], [Common, Counter]));
        Assert.Contains("0 counter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_of_different_lengths_are_an_error()
    {
        Assert.Throws<ArgumentException>(() => CommonCounter.Compute([100L, 100L], [90L, 70L], ["ox"], [Common, Counter]));
    }

    [Fact]
    public void More_correct_than_examples_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => CommonCounter.Compute([100L, 100L], [101L, 70L], ["ox", "ox"], [Common, Counter]));
    }

    [Theory]
    [InlineData("common", BackgroundRole.Common)]
    [InlineData("Counter", BackgroundRole.Counter)]
    public void Roles_parse_from_their_names(string name, BackgroundRole expected)
    {
        Assert.Equal(expected, CommonCounter.ParseRole(name));
    }

    [Fact]
    public void Unknown_role_names_are_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CommonCounter.ParseRole("rare"));
        Assert.Contains("'rare'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRow(CommonCounterRow row, string? name, double common, double counter, double drop, long commonCount, long counterCount)
    {
        Assert.Equal(name, row.Class);
        Assert.Equal(common, row.Common, 1e-12);
        Assert.Equal(counter, row.Counter, 1e-12);
        Assert.Equal(drop, row.Drop, 1e-9);
        Assert.Equal(commonCount, row.CommonCount);
        Assert.Equal(counterCount, row.CounterCount);
    }
}
