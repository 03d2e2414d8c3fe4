using System.Text;
using Minimax.Cli.Data;

namespace Minimax.Client.Tests;

public sealed class SpuriousDatasetGeneratorTests
{
    private static readonly string[] SplitNames = ["train", "val", "test"];

    private static readonly SpuriousDatasetOptions Small = new()
    {
        TrainRows = 400,
        ValRows = 100,
        TestRows = 120,
        NoiseDims = 3,
    };

    [Fact]
    public void The_same_seed_writes_byte_identical_files()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var options = Small with { Seed = 3 };

        SpuriousDatasetGenerator.Write(first.Path, options);
        SpuriousDatasetGenerator.Write(second.Path, options);

        foreach (var split in SplitNames)
        {
            Assert.Equal(File.ReadAllBytes(first.Combine($"{split}.csv")), File.ReadAllBytes(second.Combine($"{split}.csv")));
        }
    }

    [Fact]
    public void Writing_again_into_the_same_folder_replaces_the_files()
    {
        using var folder = new TempDirectory();
        SpuriousDatasetGenerator.Write(folder.Path, Small with { Seed = 1, TrainRows = 800 });
        SpuriousDatasetGenerator.Write(folder.Path, Small with { Seed = 1 });

        Assert.Equal(Small.TrainRows + 1, File.ReadAllLines(folder.Combine("train.csv")).Length);
    }

    [Fact]
    public void Different_seeds_write_different_files()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SpuriousDatasetGenerator.Write(first.Path, Small with { Seed = 3 });
        SpuriousDatasetGenerator.Write(second.Path, Small with { Seed = 4 });

        foreach (var split in SplitNames)
        {
            var a = File.ReadAllBytes(first.Combine($"{split}.csv"));
            var b = File.ReadAllBytes(second.Combine($"{split}.csv"));
            Assert.False(a.AsSpan().SequenceEqual(b), $"{split}.csv is the same for seeds 3 and 4");
            // Same shape, only the draws differ.
            Assert.Equal(File.ReadAllLines(first.Combine($"{split}.csv"))[0], File.ReadAllLines(second.Combine($"{split}.csv"))[0]);
        }
    }

    [Fact]
    public void Changing_the_train_size_leaves_val_and_test_unchanged()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        SpuriousDatasetGenerator.Write(first.Path, Small with { Seed = 5 });
        SpuriousDatasetGenerator.Write(second.Path, Small with { Seed = 5, TrainRows = 2 * Small.TrainRows });

        Assert.Equal(File.ReadAllBytes(first.Combine("val.csv")), File.ReadAllBytes(second.Combine("val.csv")));
        Assert.Equal(File.ReadAllBytes(first.Combine("test.csv")), File.ReadAllBytes(second.Combine("test.csv")));
        Assert.NotEqual(File.ReadAllLines(first.Combine("train.csv")).Length, File.ReadAllLines(second.Combine("train.csv")).Length);
    }

    [Fact]
    public void Each_split_has_its_row_count_and_the_summary_describes_the_files()
    {
        using var folder = new TempDirectory();
        var options = Small with { TrainRows = 403, ValRows = 37, TestRows = 64 };

        var summaries = SpuriousDatasetGenerator.Write(folder.Path, options);

        Assert.Equal(SplitNames, summaries.Select(s => s.Name));
        var expectedRows = new[] { 403, 37, 64 };
        for (var i = 0; i < 3; i++)
        {
            var summary = summaries[i];
            Assert.Equal(folder.Combine($"{SplitNames[i]}.csv"), summary.Path);
            Assert.Equal(expectedRows[i], summary.GroupCounts.Sum());
            var csv = Csv.Read(summary.Path);
            Assert.Equal(expectedRows[i], csv.Rows.Length);
            Assert.Equal(summary.GroupCounts, csv.GroupCounts());
        }
    }

    [Fact]
    public void Files_are_utf8_without_bom_with_lf_line_ends()
    {
        using var folder = new TempDirectory();
        SpuriousDatasetGenerator.Write(folder.Path, Small);

        var bytes = File.ReadAllBytes(folder.Combine("val.csv"));
        Assert.Equal((byte)'y', bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.StartsWith("y,a,core_0,", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_header_is_y_a_then_core_spurious_and_noise_columns_in_order()
    {
        using var folder = new TempDirectory();
        var options = Small with { CoreDims = 2, SpuriousDims = 3, NoiseDims = 1 };

        SpuriousDatasetGenerator.Write(folder.Path, options);

        foreach (var split in SplitNames)
        {
            var csv = Csv.Read(folder.Combine($"{split}.csv"));
            Assert.Equal(["y", "a", "core_0", "core_1", "spurious_0", "spurious_1", "spurious_2", "noise_0"], csv.Header);
            Assert.All(csv.Rows, row =>
            {
                Assert.Equal(csv.Header.Length, row.Length);
                Assert.Contains(row[0], new[] { 0.0, 1.0 });
                Assert.Contains(row[1], new[] { 0.0, 1.0 });
                Assert.All(row, value => Assert.True(double.IsFinite(value)));
            });
        }
    }

    [Fact]
    public void The_default_header_has_5_core_5_spurious_and_90_noise_columns()
    {
        using var folder = new TempDirectory();
        SpuriousDatasetGenerator.Write(folder.Path, new SpuriousDatasetOptions { TrainRows = 8, ValRows = 4, TestRows = 4 });

        var header = File.ReadLines(folder.Combine("train.csv")).First().Split(',');

        Assert.Equal(102, header.Length);
        Assert.Equal(["y", "a"], header[..2]);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"core_{i}"), header[2..7]);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"spurious_{i}"), header[7..12]);
        Assert.Equal(Enumerable.Range(0, 90).Select(i => $"noise_{i}"), header[12..]);
    }

    [Fact]
    public void Without_spurious_or_noise_columns_only_y_a_and_core_are_written()
    {
        using var folder = new TempDirectory();
        SpuriousDatasetGenerator.Write(folder.Path, Small with { CoreDims = 1, SpuriousDims = 0, NoiseDims = 0 });

        Assert.Equal(["y", "a", "core_0"], Csv.Read(folder.Combine("test.csv")).Header);
    }

    [Theory]
    [InlineData(4000, new[] { 0.475, 0.025, 0.025, 0.475 }, new[] { 1900, 100, 100, 1900 })]
    [InlineData(1000, new[] { 0.25, 0.25, 0.25, 0.25 }, new[] { 250, 250, 250, 250 })]
    [InlineData(40, new[] { 0.475, 0.025, 0.025, 0.475 }, new[] { 19, 1, 1, 19 })]
    [InlineData(4, new[] { 0.475, 0.025, 0.025, 0.475 }, new[] { 1, 1, 1, 1 })]
    [InlineData(101, new[] { 0.4, 0.1, 0.1, 0.4 }, new[] { 41, 10, 10, 40 })]
    [InlineData(7, new[] { 0.25, 0.25, 0.25, 0.25 }, new[] { 2, 2, 2, 1 })]
    public void Group_counts_round_the_shares_and_keep_every_group(int rows, double[] shares, int[] expected)
    {
        var counts = SpuriousDatasetGenerator.GroupCounts(rows, shares);

        Assert.Equal(expected, counts);
        Assert.Equal(rows, counts.Sum());
    }

    [Fact]
    public void Group_counts_leave_a_zero_share_group_empty()
    {
        var counts = SpuriousDatasetGenerator.GroupCounts(10, [0.5, 0, 0, 0.5]);

        Assert.Equal([5, 0, 0, 5], counts);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        Assert.Null(new SpuriousDatasetOptions().Validate());
        Assert.Null(new SpuriousDatasetOptions { TrainRows = 4, ValRows = 4, TestRows = 4, SpuriousDims = 0, NoiseDims = 0, CoreMean = 0, SpuriousNoise = 0, SpuriousCorrelation = 1 }.Validate());
        Assert.Null(new SpuriousDatasetOptions { SpuriousCorrelation = 0 }.Validate());
    }

    [Theory]
    [InlineData("train", 3, "--train: must be at least 4 (one row per group)")]
    [InlineData("train", -1, "--train: must be at least 4 (one row per group)")]
    [InlineData("val", 0, "--val: must be at least 4 (one row per group)")]
    [InlineData("test", 2, "--test: must be at least 4 (one row per group)")]
    [InlineData("core-dims", 0, "--core-dims: must be at least 1")]
    [InlineData("spurious-dims", -1, "--spurious-dims: must be at least 0")]
    [InlineData("noise-dims", -5, "--noise-dims: must be at least 0")]
    [InlineData("core-mean", -0.1, "--core-mean: must be a finite number >= 0")]
    [InlineData("core-mean", double.PositiveInfinity, "--core-mean: must be a finite number >= 0")]
    [InlineData("spurious-noise", double.NaN, "--spurious-noise: must be a finite number >= 0")]
    [InlineData("spurious-noise", -1, "--spurious-noise: must be a finite number >= 0")]
    [InlineData("spurious-correlation", 1.01, "--spurious-correlation: must be between 0 and 1")]
    [InlineData("spurious-correlation", -0.5, "--spurious-correlation: must be between 0 and 1")]
    [InlineData("spurious-correlation", double.NaN, "--spurious-correlation: must be between 0 and 1")]
    public void Invalid_options_name_the_option_and_the_reason(string option, double value, string expected)
    {
        var defaults = new SpuriousDatasetOptions();
        var options = option switch
        {
            "train" => defaults with { TrainRows = (int)value },
            "val" => defaults with { ValRows = (int)value },
            "test" => defaults with { TestRows = (int)value },
            "core-dims" => defaults with { CoreDims = (int)value },
            "spurious-dims" => defaults with { SpuriousDims = (int)value },
            "noise-dims" => defaults with { NoiseDims = (int)value },
            "core-mean" => defaults with { CoreMean = value },
            "spurious-noise" => defaults with { SpuriousNoise = value },
            "spurious-correlation" => defaults with { SpuriousCorrelation = value },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };

        Assert.Equal(expected, options.Validate());
    }

    [Fact]
    public void The_first_invalid_row_count_is_the_one_reported()
    {
        Assert.Equal("--val: must be at least 4 (one row per group)", new SpuriousDatasetOptions { ValRows = 1, TestRows = 1 }.Validate());
    }
}
