using Minimax.Cli.Data;

namespace Minimax.Client.Tests;

/// <summary><c>minimax data</c> through the real command line: the generators' output and their bad input.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DataCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<(int Code, ConsoleCapture Console)> InvokeAsync(params string[] args) => CliInvocation.InvokeAsync(args);

    [Fact]
    public async Task Synth_spurious_with_bad_counts_exits_2_and_writes_nothing()
    {
        var output = _folder.Combine("data");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", output, "--train", "3");

        Assert.Equal(2, code);
        Assert.Equal(["error: --train: must be at least 4 (one row per group)"], console.ErrorLines);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Synth_spurious_with_an_out_path_that_is_a_file_exits_2()
    {
        var file = _folder.Combine("taken");
        File.WriteAllText(file, "");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", file, "--train", "8", "--val", "4", "--test", "4");

        Assert.Equal(2, code);
        var line = Assert.Single(console.ErrorLines);
        Assert.StartsWith("error: --out: ", line);
    }

    [Fact]
    public async Task Synth_spurious_writes_the_generator_output_for_its_options_and_exits_0()
    {
        var output = _folder.Combine("cli");
        var expected = _folder.Combine("direct");
        SpuriousDatasetGenerator.Write(expected, new SpuriousDatasetOptions
        {
            Seed = 7, TrainRows = 40, ValRows = 8, TestRows = 12, CoreDims = 2, SpuriousDims = 1, NoiseDims = 3,
            CoreMean = 0.75, SpuriousNoise = 0.5, SpuriousCorrelation = 0.9,
        });

        var (code, console) = await InvokeAsync(
            "data", "synth-spurious", "--out", output, "--seed", "7", "--train", "40", "--val", "8", "--test", "12",
            "--core-dims", "2", "--spurious-dims", "1", "--noise-dims", "3",
            "--core-mean", "0.75", "--spurious-noise", "0.5", "--spurious-correlation", "0.9");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
        Assert.Equal(
        [
            $"{Path.Combine(output, "train.csv")}: 40 rows, groups (g = 2y + a) [18, 2, 2, 18]",
            $"{Path.Combine(output, "val.csv")}: 8 rows, groups (g = 2y + a) [2, 2, 2, 2]",
            $"{Path.Combine(output, "test.csv")}: 12 rows, groups (g = 2y + a) [3, 3, 3, 3]",
        ], console.OutputLines);
        foreach (var split in new[] { "train", "val", "test" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, $"{split}.csv")), File.ReadAllBytes(Path.Combine(output, $"{split}.csv")));
        }
    }

    [Fact]
    public async Task Synth_spurious_defaults_match_the_documented_defaults()
    {
        var output = _folder.Combine("defaults");

        var (code, console) = await InvokeAsync("data", "synth-spurious", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(
        [
            $"{Path.Combine(output, "train.csv")}: 4000 rows, groups (g = 2y + a) [1900, 100, 100, 1900]",
            $"{Path.Combine(output, "val.csv")}: 1000 rows, groups (g = 2y + a) [250, 250, 250, 250]",
            $"{Path.Combine(output, "test.csv")}: 2000 rows, groups (g = 2y + a) [500, 500, 500, 500]",
        ], console.OutputLines);
        Assert.Equal(102, File.ReadLines(Path.Combine(output, "train.csv")).First().Split(',').Length);
    }

    [Fact]
    public async Task Synth_domains_writes_the_generator_output_and_one_line_per_domain()
    {
        var output = _folder.Combine("cli");
        var expected = _folder.Combine("direct");
        var summaries = DomainCorpusGenerator.Write(expected, new DomainCorpusOptions { Seed = 3, TrainKib = 2, HeldoutKib = 1 });

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", output, "--seed", "3", "--train-kib", "2", "--heldout-kib", "1");

        Assert.Equal(0, code);
        Assert.Equal("", console.StandardError);
        Assert.Equal(summaries.Count, console.OutputLines.Length);
        foreach (var (summary, line) in summaries.Zip(console.OutputLines))
        {
            Assert.StartsWith(
                $"{summary.Domain}: train {Path.Combine(output, "train", summary.Domain, "part-0.txt")} (2048 bytes), " +
                $"heldout {Path.Combine(output, "heldout", summary.Domain, "part-0.txt")} (1024 bytes), gzip ratio 0.",
                line);
            Assert.Equal(File.ReadAllBytes(summary.TrainPath), File.ReadAllBytes(Path.Combine(output, "train", summary.Domain, "part-0.txt")));
            Assert.Equal(File.ReadAllBytes(summary.HeldoutPath), File.ReadAllBytes(Path.Combine(output, "heldout", summary.Domain, "part-0.txt")));
        }
    }

    [Theory]
    [InlineData("--train-kib", "0", "error: --train-kib: must be between 1 and 65536")]
    [InlineData("--heldout-kib", "-1", "error: --heldout-kib: must be between 1 and 65536")]
    public async Task Synth_domains_with_a_bad_size_exits_2_and_writes_nothing(string option, string value, string line)
    {
        var output = _folder.Combine("data");

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", output, option, value);

        Assert.Equal(2, code);
        Assert.Equal([line], console.ErrorLines);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Synth_domains_with_an_out_path_that_is_a_file_exits_2()
    {
        var file = _folder.Combine("taken");
        File.WriteAllText(file, "");

        var (code, console) = await InvokeAsync("data", "synth-domains", "--out", file, "--train-kib", "1");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --out: ", Assert.Single(console.ErrorLines));
    }
}
