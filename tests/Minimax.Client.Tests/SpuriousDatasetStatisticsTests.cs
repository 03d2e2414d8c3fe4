using Minimax.Cli.Data;

namespace Minimax.Client.Tests;

/// <summary>The default dataset (seed 0, 4000 / 1000 / 2000 rows), written once and read back.</summary>
public sealed class DefaultDatasetFixture : IDisposable
{
    private readonly TempDirectory _folder = new();

    public DefaultDatasetFixture()
    {
        var summaries = SpuriousDatasetGenerator.Write(_folder.Path, new SpuriousDatasetOptions());
        SummaryCounts = summaries.ToDictionary(s => s.Name, s => s.GroupCounts.ToArray());
        Splits = summaries.ToDictionary(s => s.Name, s => Csv.Read(s.Path));
    }

    internal IReadOnlyDictionary<string, int[]> SummaryCounts { get; }

    internal IReadOnlyDictionary<string, Csv> Splits { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class SpuriousDatasetStatisticsTests(DefaultDatasetFixture data) : IClassFixture<DefaultDatasetFixture>
{
    [Fact]
    public void Default_split_sizes_are_4000_1000_2000()
    {
        Assert.Equal(4000, data.Splits["train"].Rows.Length);
        Assert.Equal(1000, data.Splits["val"].Rows.Length);
        Assert.Equal(2000, data.Splits["test"].Rows.Length);
    }

    [Fact]
    public void Train_groups_are_47_5_2_5_2_5_47_5_percent()
    {
        var counts = data.Splits["train"].GroupCounts();

        Assert.Equal([1900, 100, 100, 1900], counts);
        Assert.Equal(counts, data.SummaryCounts["train"]);
    }

    [Fact]
    public void In_train_a_equals_y_for_95_percent_of_rows()
    {
        var train = data.Splits["train"];

        var agreement = train.Rows.Count(row => train.A(row) == train.Y(row)) / (double)train.Rows.Length;

        Assert.InRange(agreement, 0.94, 0.96);
    }

    [Theory]
    [InlineData("val", 250)]
    [InlineData("test", 500)]
    public void In_val_and_test_the_groups_are_equal_and_a_is_independent_of_y(string split, int perGroup)
    {
        var csv = data.Splits[split];

        Assert.Equal([perGroup, perGroup, perGroup, perGroup], csv.GroupCounts());
        Assert.Equal(csv.GroupCounts(), data.SummaryCounts[split]);
        var agreement = csv.Rows.Count(row => csv.A(row) == csv.Y(row)) / (double)csv.Rows.Length;
        Assert.InRange(agreement, 0.45, 0.55);
    }

    [Fact]
    public void Rows_are_shuffled_not_sorted_by_group()
    {
        var train = data.Splits["train"];
        var firstHalfPositives = train.Rows.Take(2000).Count(row => train.Y(row) == 1);

        // Sorted by group the first half would hold no y = 1 rows at all.
        Assert.InRange(firstHalfPositives, 900, 1100);
    }

    [Theory]
    [InlineData("val")]
    [InlineData("test")]
    public void The_core_block_alone_predicts_y_weakly(string split)
    {
        var csv = data.Splits[split];
        var core = csv.ColumnsStartingWith("core_");

        var accuracy = Csv.SignOfMeanAccuracy(csv.Rows, core, csv.Y);

        // Phi(0.5 * sqrt 5) = 0.87: useful, but far from perfect.
        Assert.InRange(accuracy, 0.75, 0.95);
    }

    [Fact]
    public void The_core_block_predicts_y_in_the_train_minority_groups_too()
    {
        var train = data.Splits["train"];
        var minority = train.Rows.Where(row => train.A(row) != train.Y(row)).ToList();

        var accuracy = Csv.SignOfMeanAccuracy(minority, train.ColumnsStartingWith("core_"), train.Y);

        Assert.Equal(200, minority.Count);
        Assert.InRange(accuracy, 0.75, 0.95);
    }

    [Fact]
    public void Each_core_column_has_mean_plus_or_minus_half_by_label()
    {
        var train = data.Splits["train"];
        foreach (var column in train.ColumnsStartingWith("core_"))
        {
            var positive = train.Rows.Where(row => train.Y(row) == 1).Average(row => row[column]);
            var negative = train.Rows.Where(row => train.Y(row) == 0).Average(row => row[column]);
            Assert.InRange(positive, 0.4, 0.6);
            Assert.InRange(negative, -0.6, -0.4);
        }
    }

    [Theory]
    [InlineData("train")]
    [InlineData("val")]
    [InlineData("test")]
    public void The_spurious_block_reads_a_almost_perfectly(string split)
    {
        var csv = data.Splits[split];

        var accuracy = Csv.SignOfMeanAccuracy(csv.Rows, csv.ColumnsStartingWith("spurious_"), csv.A);

        Assert.True(accuracy >= 0.995, $"spurious block reads a with accuracy {accuracy} on {split}");
    }

    [Fact]
    public void The_spurious_block_predicts_y_in_train_but_not_in_test()
    {
        var train = data.Splits["train"];
        var test = data.Splits["test"];
        var spurious = train.ColumnsStartingWith("spurious_");

        var trainAccuracy = Csv.SignOfMeanAccuracy(train.Rows, spurious, train.Y);
        var testAccuracy = Csv.SignOfMeanAccuracy(test.Rows, spurious, test.Y);
        var testMinorityAccuracy = Csv.SignOfMeanAccuracy(test.Rows.Where(row => test.A(row) != test.Y(row)), spurious, test.Y);

        Assert.InRange(trainAccuracy, 0.93, 0.97);
        Assert.InRange(testAccuracy, 0.45, 0.55);
        Assert.True(testMinorityAccuracy <= 0.01, $"spurious rule is right on {testMinorityAccuracy} of the test minority groups");
    }

    [Fact]
    public void Noise_columns_are_standard_normal_and_carry_no_label_signal()
    {
        var test = data.Splits["test"];
        var noise = test.ColumnsStartingWith("noise_");
        var values = test.Rows.SelectMany(row => noise.Select(c => row[c])).ToArray();
        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));

        Assert.Equal(90, noise.Length);
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
        Assert.InRange(Csv.SignOfMeanAccuracy(test.Rows, noise, test.Y), 0.45, 0.55);
    }
}
